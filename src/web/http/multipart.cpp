#include "web/http/multipart.hpp"

namespace boussole::http {

namespace {

constexpr std::size_t kMaximumBoundaryLength = 70;  // RFC 2046
constexpr std::size_t kMaximumPartHeaderLength = 8192;

core::Error malformed(const std::string& why)
{
    return core::Error::invalid("Le formulaire envoyé est mal formé (" + why +
                                ") : rechargez la page et envoyez-le de nouveau.");
}

std::string lower_ascii(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::string_view trim_spaces(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// The parameters of a header value after its first ';': name=token or
// name="quoted \" string", names in lower case.
std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value)
{
    std::vector<std::pair<std::string, std::string>> parameters;
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t'))
            ++i;
        std::size_t equals = value.find('=', i);
        if (equals == std::string_view::npos)
            break;
        std::string name = lower_ascii(trim_spaces(value.substr(i, equals - i)));
        std::string text;
        std::size_t k = equals + 1;
        if (k < value.size() && value[k] == '"') {
            for (++k; k < value.size() && value[k] != '"'; ++k) {
                if (value[k] == '\\' && k + 1 < value.size())
                    ++k;
                text += value[k];
            }
            i = value.find(';', k);
        } else {
            std::size_t end = value.find(';', k);
            text = trim_spaces(value.substr(k, end == std::string_view::npos ? std::string_view::npos : end - k));
            i = end;
        }
        parameters.emplace_back(std::move(name), std::move(text));
    }
    return parameters;
}

std::optional<std::string> parameter(const std::vector<std::pair<std::string, std::string>>& parameters,
                                     std::string_view name)
{
    for (const auto& [key, value] : parameters)
        if (key == name)
            return value;
    return std::nullopt;
}

core::Result<MultipartPart> parse_part(std::string_view part)
{
    std::size_t header_end = part.find("\r\n\r\n");
    std::string_view headers;
    std::string_view content;
    if (part.starts_with("\r\n")) {
        content = part.substr(2);  // a part without headers
    } else if (header_end == std::string_view::npos || header_end > kMaximumPartHeaderLength) {
        return malformed("en-têtes de partie illisibles");
    } else {
        headers = part.substr(0, header_end);
        content = part.substr(header_end + 4);
    }
    MultipartPart result;
    result.content = content;
    result.content_type = "text/plain";
    bool has_disposition = false;
    std::size_t position = 0;
    while (position < headers.size()) {
        std::size_t end = headers.find("\r\n", position);
        std::string_view line = headers.substr(position, end == std::string_view::npos ? end : end - position);
        position = end == std::string_view::npos ? headers.size() : end + 2;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return malformed("en-tête de partie sans deux-points");
        std::string name = lower_ascii(trim_spaces(line.substr(0, colon)));
        std::string_view value = trim_spaces(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (lower_ascii(trim_spaces(value.substr(0, value.find(';')))) != "form-data")
                return malformed("partie qui n'est pas un champ de formulaire");
            auto parameters = header_parameters(value);
            auto field = parameter(parameters, "name");
            if (!field)
                return malformed("champ sans nom");
            result.name = *field;
            result.file_name = parameter(parameters, "filename");
            has_disposition = true;
        } else if (name == "content-type") {
            result.content_type = std::string(value);
        }
    }
    if (!has_disposition)
        return malformed("partie sans Content-Disposition");
    return result;
}

}  // namespace

bool is_multipart_form_data(std::string_view content_type)
{
    return lower_ascii(trim_spaces(content_type.substr(0, content_type.find(';')))) == "multipart/form-data";
}

core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                         std::size_t max_parts)
{
    if (!is_multipart_form_data(content_type))
        return core::Error::unsupported_media_type("Le formulaire doit être envoyé en multipart/form-data.");
    auto boundary = parameter(header_parameters(content_type), "boundary");
    if (!boundary || boundary->empty() || boundary->size() > kMaximumBoundaryLength)
        return malformed("délimiteur absent ou trop long");

    std::string delimiter = "--" + *boundary;
    // The first delimiter may follow a preamble; every later one follows CRLF.
    std::size_t position = body.starts_with(delimiter) ? 0 : body.find("\r\n" + delimiter);
    if (position == std::string_view::npos)
        return malformed("délimiteur introuvable");
    position += body.starts_with(delimiter) ? delimiter.size() : delimiter.size() + 2;

    std::vector<MultipartPart> parts;
    std::string next_delimiter = "\r\n" + delimiter;
    while (true) {
        if (body.substr(position, 2) == "--")
            return parts;  // the closing delimiter; an epilogue may follow
        // Transport padding (spaces) may sit between the delimiter and its CRLF.
        while (position < body.size() && (body[position] == ' ' || body[position] == '\t'))
            ++position;
        if (body.substr(position, 2) != "\r\n")
            return malformed("délimiteur mal terminé");
        position += 2;
        std::size_t end = body.find(next_delimiter, position);
        if (end == std::string_view::npos)
            return malformed("dernière partie non refermée");
        if (parts.size() == max_parts)
            return malformed("trop de champs");
        auto part = parse_part(body.substr(position, end - position));
        if (!part.ok())
            return std::move(part).error();
        parts.push_back(std::move(part).value());
        position = end + next_delimiter.size();
    }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name)
{
    for (const auto& part : parts)
        if (part.name == name)
            return &part;
    return nullptr;
}

}  // namespace boussole::http
