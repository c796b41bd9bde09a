#include "render/map_geometry.hpp"

#include "core/csv.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <sstream>

namespace boussole::render {

namespace {

constexpr const char* kHowToProduce =
    " Ce fichier est produit par la compilation (cible « share ») à partir de @gouvfr/dsfr-chart : "
    "lancez « make setup » puis « make build ».";

core::Error invalid(const std::string& what)
{
    return core::Error::invalid("Géométrie des départements invalide : " + what + "." + kHowToProduce);
}

std::optional<ViewBox> parse_view_box(const nlohmann::json& value)
{
    if (!value.is_string())
        return std::nullopt;
    std::istringstream stream(value.get<std::string>());
    stream.imbue(std::locale::classic());
    ViewBox box;
    if (!(stream >> box.x >> box.y >> box.width >> box.height) || box.width <= 0 || box.height <= 0)
        return std::nullopt;
    return box;
}

// The member `key` of an object, or null (no exception on a file of the wrong shape).
nlohmann::json member(const nlohmann::json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nlohmann::json() : *found;
}

bool is_path(const nlohmann::json& value)
{
    if (!value.is_string())
        return false;
    const auto& text = value.get_ref<const std::string&>();
    return !text.empty() && (text[0] == 'M' || text[0] == 'm');
}

}  // namespace

std::string map_geometry_path(const std::string& share_dir)
{
    return share_dir + "/" + kMapGeometryFile;
}

core::Result<MapGeometry> parse_map_geometry(const std::string& text)
{
    auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded() || !document.is_object())
        return invalid("le fichier n'est pas un objet JSON");

    MapGeometry geometry;
    auto source = member(document, "source");
    geometry.source = source.is_string() ? source.get<std::string>() : "";

    auto metropole = member(document, "metropole");
    auto view_box = parse_view_box(member(metropole, "viewBox"));
    if (!view_box)
        return invalid("« metropole.viewBox » absent ou mal formé");
    geometry.metropole_view_box = *view_box;
    auto departments = member(metropole, "departments");
    if (!departments.is_object())
        return invalid("« metropole.departments » absent");
    for (const auto& [code, path] : departments.items()) {
        if (!is_path(path))
            return invalid("contour du département « " + code + " » absent ou mal formé");
        geometry.metropole.push_back({code, path.get<std::string>()});
    }
    auto regions = member(metropole, "regions");
    for (const auto& [code, path] : regions.items()) {
        if (regions.is_object() && is_path(path))
            geometry.regions.emplace(code, path.get<std::string>());
    }

    auto overseas = member(document, "overseas");
    if (!overseas.is_null() && !overseas.is_object())
        return invalid("« overseas » n'est pas un objet");
    for (const auto& [code, inset] : overseas.items()) {
        auto inset_box = parse_view_box(member(inset, "viewBox"));
        auto path = member(inset, "d");
        if (!inset_box || !is_path(path))
            return invalid("encart du département « " + code + " » mal formé");
        geometry.overseas.push_back({code, *inset_box, path.get<std::string>()});
    }

    auto by_code = [](const auto& left, const auto& right) { return left.code < right.code; };
    std::sort(geometry.metropole.begin(), geometry.metropole.end(), by_code);
    std::sort(geometry.overseas.begin(), geometry.overseas.end(), by_code);
    if (geometry.metropole.empty())
        return invalid("aucun département métropolitain");
    return geometry;
}

core::Result<MapGeometry> load_map_geometry(const std::string& path)
{
    auto text = core::read_file(path);
    if (!text.ok())
        return core::Error::not_found("Géométrie des départements introuvable : " + path + "." + kHowToProduce);
    return parse_map_geometry(*text);
}

}  // namespace boussole::render
