#include "collection/csv_dialect.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

namespace boussole::collection {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr const char* kSaveAsUtf8 =
    "Depuis votre tableur, enregistrez le fichier au format « CSV UTF-8 (délimité par des points-virgules) » "
    "puis envoyez-le de nouveau.";

long line_of(std::string_view text, std::size_t offset)
{
    long line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n')
            ++line;
    return line;
}

std::string hex_byte(unsigned char byte)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
    return buffer;
}

// Control characters other than tab, line feed and carriage return never
// occur in a spreadsheet export; a NUL usually means UTF-16.
bool is_forbidden_control(unsigned char byte)
{
    return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
}

// The five bytes Windows-1252 leaves undefined.
bool undefined_in_windows_1252(unsigned char byte)
{
    return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

// Length of the well-formed UTF-8 sequence at text[i] (1 for ASCII), or 0 when
// the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i)
{
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        code_point = (code_point << 6) | (byte(i + k) & 0x3F);
    }
    if ((length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) ||
        (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)))
        return 0;
    return length;
}

struct Utf8Scan {
    std::size_t first_invalid = std::string_view::npos;
    std::size_t valid_sequences = 0;    // multi-byte sequences that are well formed
    std::size_t invalid_sequences = 0;  // bytes that start no well-formed sequence
};

Utf8Scan scan_utf8(std::string_view text)
{
    Utf8Scan scan;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            if (scan.first_invalid == std::string_view::npos)
                scan.first_invalid = i;
            ++scan.invalid_sequences;
            ++i;
            continue;
        }
        if (length > 1)
            ++scan.valid_sequences;
        i += length;
    }
    return scan;
}

std::string windows_1252_to_utf8(std::string_view text)
{
    iconv_t converter = iconv_open("UTF-8", "WINDOWS-1252");
    if (converter == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("iconv cannot convert from WINDOWS-1252 to UTF-8 on this system");
    // Every Windows-1252 character takes at most three bytes in UTF-8.
    std::string converted(text.size() * 3, '\0');
    char* input = const_cast<char*>(text.data());
    std::size_t input_left = text.size();
    char* output = converted.data();
    std::size_t output_left = converted.size();
    std::size_t result = iconv(converter, &input, &input_left, &output, &output_left);
    int error = errno;
    iconv_close(converter);
    // The bytes were checked beforehand: a failure here is a broken iconv.
    if (result == static_cast<std::size_t>(-1))
        throw std::runtime_error("iconv failed to convert checked Windows-1252 text: error " + std::to_string(error));
    converted.resize(converted.size() - output_left);
    return converted;
}

bool is_blank_line(std::string_view line)
{
    return line.find_first_not_of(" \t\r;,") == std::string_view::npos;
}

bool is_comment_line(std::string_view line)
{
    auto first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '#';
}

}  // namespace

DecodedText::DecodedText(DecodedText&& other) noexcept
{
    *this = std::move(other);
}

DecodedText& DecodedText::operator=(DecodedText&& other) noexcept
{
    if (this == &other)
        return *this;
    bool owned = !other.m_converted.empty() && other.m_text.data() == other.m_converted.data();
    m_converted = std::move(other.m_converted);
    m_text = owned ? std::string_view(m_converted) : other.m_text;
    m_encoding = other.m_encoding;
    other.m_text = {};
    return *this;
}

core::Result<DecodedText> DecodedText::decode(std::string_view bytes)
{
    DecodedText decoded;
    bool bom = bytes.starts_with(kByteOrderMark);
    std::string_view body = bom ? bytes.substr(kByteOrderMark.size()) : bytes;

    for (std::size_t i = 0; i < body.size(); ++i) {
        auto byte = static_cast<unsigned char>(body[i]);
        if (is_forbidden_control(byte)) {
            std::string detail =
                byte == 0 ? " Un octet nul signale souvent un fichier en UTF-16, qui n'est pas accepté." : "";
            return core::Error::invalid("Le fichier contient un caractère de contrôle (octet " + hex_byte(byte) +
                                        ") ligne " + std::to_string(line_of(body, i)) +
                                        " : ce n'est pas un fichier CSV texte." + detail + " " + kSaveAsUtf8);
        }
    }

    Utf8Scan scan = scan_utf8(body);
    if (scan.first_invalid == std::string_view::npos) {
        decoded.m_text = body;
        decoded.m_encoding = bom ? TextEncoding::Utf8WithBom : TextEncoding::Utf8;
        return decoded;
    }
    auto invalid_byte = static_cast<unsigned char>(body[scan.first_invalid]);
    std::string where =
        "ligne " + std::to_string(line_of(body, scan.first_invalid)) + " (octet " + hex_byte(invalid_byte) + ")";
    // A byte-order mark, or more well-formed accented characters than broken
    // ones, says the file was meant as UTF-8: converting it would garble it.
    if (bom || scan.valid_sequences >= scan.invalid_sequences)
        return core::Error::invalid("Le fichier est en UTF-8 mais contient une séquence d'octets invalide " + where +
                                    " : il a sans doute été tronqué ou assemblé à partir de fichiers d'encodages "
                                    "différents. " +
                                    kSaveAsUtf8);
    for (std::size_t i = 0; i < body.size(); ++i) {
        auto byte = static_cast<unsigned char>(body[i]);
        if (undefined_in_windows_1252(byte))
            return core::Error::invalid("Le fichier n'est ni en UTF-8 ni en Windows-1252 : l'octet " + hex_byte(byte) +
                                        " ligne " + std::to_string(line_of(body, i)) + " n'est pas un caractère. " +
                                        kSaveAsUtf8);
    }
    decoded.m_converted = windows_1252_to_utf8(body);
    decoded.m_text = decoded.m_converted;
    decoded.m_encoding = TextEncoding::Windows1252;
    return decoded;
}

std::string_view header_line(std::string_view text)
{
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(position, end - position);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (!is_blank_line(line) && !is_comment_line(line))
            return line;
        position = end + 1;
    }
    return {};
}

core::Result<char> detect_separator(std::string_view header)
{
    int semicolons = 0;
    int tabs = 0;
    int commas = 0;
    bool quoted = false;
    for (char c : header) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
        else if (!quoted && c == ',')
            ++commas;
    }
    if (semicolons == 0 && tabs == 0 && commas == 0)
        return core::Error::invalid(
            "La ligne d'en-tête ne contient aucun séparateur (point-virgule, virgule ou tabulation) : le fichier "
            "n'a qu'une colonne. La première ligne doit nommer les colonnes donnee;territoire;periode;valeur, "
            "séparées par des points-virgules.");
    if (semicolons >= tabs && semicolons >= commas)
        return ';';
    return tabs >= commas ? '\t' : ',';
}

core::Result<CsvDialect> detect_dialect(const DecodedText& text)
{
    std::string_view header = header_line(text.text());
    if (header.empty())
        return core::Error::invalid(
            "Le fichier est vide : sa première ligne doit nommer les colonnes donnee;territoire;periode;valeur "
            "(et commentaire si besoin), les lignes suivantes donner une valeur chacune. Téléchargez le modèle "
            "pour partir d'un exemple.");
    auto separator = detect_separator(header);
    if (!separator.ok())
        return std::move(separator).error();
    CsvDialect dialect;
    dialect.encoding = text.encoding();
    dialect.separator = *separator;
    std::size_t end = static_cast<std::size_t>(header.data() - text.text().data()) + header.size();
    dialect.line_ending = end < text.text().size() && text.text()[end] == '\r' ? LineEnding::CrLf : LineEnding::Lf;
    return dialect;
}

const char* separator_name(char separator)
{
    switch (separator) {
    case ';': return "point-virgule";
    case ',': return "virgule";
    case '\t': return "tabulation";
    }
    return "inconnu";
}

std::string describe(const CsvDialect& dialect)
{
    std::string text = "séparateur ";
    text += separator_name(dialect.separator);
    switch (dialect.encoding) {
    case TextEncoding::Utf8: text += ", UTF-8"; break;
    case TextEncoding::Utf8WithBom: text += ", UTF-8 avec BOM"; break;
    case TextEncoding::Windows1252: text += ", Windows-1252 converti en UTF-8"; break;
    }
    text += dialect.line_ending == LineEnding::CrLf ? ", fins de ligne Windows (CRLF)" : ", fins de ligne Unix (LF)";
    return text;
}

}  // namespace boussole::collection
