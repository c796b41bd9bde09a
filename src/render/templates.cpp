#include "render/templates.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace boussole::render {

namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::object: {
        mustache::data object{mustache::data::type::object};
        for (const auto& [key, item] : value.items())
            object.set(key, to_data(item));
        return object;
    }
    case nlohmann::json::value_t::array: {
        mustache::data list{mustache::data::type::list};
        for (const auto& item : value)
            list.push_back(to_data(item));
        return list;
    }
    case nlohmann::json::value_t::string: return mustache::data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean:
        return mustache::data{value.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return mustache::data{value.dump()};
    default: return mustache::data{mustache::data::type::bool_false};
    }
}

}  // namespace

core::Result<Templates> Templates::load(const std::string& directory)
{
    std::map<std::string, std::string> texts;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".mustache")
            continue;
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << file.rdbuf();
        texts[entry.path().stem().string()] = content.str();
    }
    if (error || texts.empty())
        return core::Error::not_found("Aucun gabarit de page dans « " + directory +
                                      " » : vérifiez --share-dir (ou BOUSSOLE_SHARE_DIR).");
    return from_texts(std::move(texts));
}

Templates Templates::from_texts(std::map<std::string, std::string> texts)
{
    Templates templates;
    templates.m_texts = std::move(texts);
    return templates;
}

std::string Templates::render(std::string_view name, const nlohmann::json& context) const
{
    auto found = m_texts.find(std::string(name));
    if (found == m_texts.end())
        throw std::runtime_error("unknown template: " + std::string(name));
    mustache::mustache page{found->second};
    if (!page.is_valid())
        throw std::runtime_error("template " + std::string(name) + ": " + page.error_message());
    mustache::data data = to_data(context.is_object() ? context : nlohmann::json::object());
    for (const auto& [partial_name, text] : m_texts) {
        if (!context.contains(partial_name)) {
            const std::string* partial_text = &text;
            data.set(partial_name, mustache::partial{[partial_text] { return *partial_text; }});
        }
    }
    std::string html = page.render(data);
    if (!page.is_valid())
        throw std::runtime_error("template " + std::string(name) + ": " + page.error_message());
    return html;
}

}  // namespace boussole::render
