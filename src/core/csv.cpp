#include "core/csv.hpp"

#include <csv.h>

#include "core/text.hpp"

#include <fstream>
#include <sstream>

namespace boussole::core {

int CsvTable::column(std::string_view name) const
{
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return static_cast<int>(i);
    return -1;
}

namespace {

struct ParseState {
    std::vector<CsvRecord> records;
    CsvRecord current;
    long line = 1;          // line at the current read position
    long record_start = 1;  // line where the current record began
    bool record_open = false;
};

void on_field(void* data, std::size_t length, void* context)
{
    auto& state = *static_cast<ParseState*>(context);
    if (!state.record_open) {
        state.record_open = true;
        state.current.line = state.record_start;
    }
    state.current.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void on_record(int, void* context)
{
    auto& state = *static_cast<ParseState*>(context);
    bool empty_line = state.current.fields.size() == 1 && state.current.fields.front().empty();
    if (state.record_open && !empty_line)
        state.records.push_back(std::move(state.current));
    state.current = {};
    state.record_open = false;
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view text, char separator)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        throw std::bad_alloc();
    csv_set_delim(&parser, static_cast<unsigned char>(separator));

    ParseState state;
    // Feed line by line so that each record knows the line it starts on, even
    // when a quoted field spans several lines.
    std::size_t position = 0;
    bool failed = false;
    while (position < text.size() && !failed) {
        std::size_t end = text.find('\n', position);
        std::size_t chunk_end = end == std::string_view::npos ? text.size() : end + 1;
        if (!state.record_open && state.current.fields.empty())
            state.record_start = state.line;
        std::string_view chunk = text.substr(position, chunk_end - position);
        if (csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_record, &state) != chunk.size())
            failed = true;
        position = chunk_end;
        ++state.line;
    }
    if (!failed && csv_fini(&parser, on_field, on_record, &state) != 0)
        failed = true;
    csv_free(&parser);
    if (failed)
        return Error::invalid("Fichier CSV mal formé à partir de la ligne " + std::to_string(state.record_start) +
                              " : un guillemet ouvrant n'est pas refermé ou un champ entre guillemets est suivi "
                              "d'autres caractères. Vérifiez les guillemets de cette ligne.");

    CsvTable table;
    if (state.records.empty())
        return Error::invalid("Fichier CSV vide : la première ligne doit donner les noms des colonnes.");
    table.header = std::move(state.records.front().fields);
    for (auto& name : table.header)
        name = std::string(trim(name));
    table.records.assign(std::make_move_iterator(state.records.begin() + 1),
                         std::make_move_iterator(state.records.end()));
    return table;
}

Result<std::string> read_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error::not_found("Fichier introuvable ou illisible : " + path);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

}  // namespace boussole::core
