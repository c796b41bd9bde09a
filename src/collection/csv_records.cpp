#include "collection/csv_records.hpp"

#include <csv.h>

#include <algorithm>
#include <new>

namespace boussole::collection {

namespace {

struct ReaderState {
    const std::function<bool(const CsvRow&)>* on_row = nullptr;
    CsvRow row;
    std::size_t field_count = 0;  // fields of row in use; the others keep their capacity
    long record_start = 1;
    bool stopped = false;  // on_row asked for no more rows
};

std::string_view trim_blanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

void on_field(void* data, std::size_t length, void* context)
{
    auto& state = *static_cast<ReaderState*>(context);
    if (state.field_count == state.row.fields.size())
        state.row.fields.emplace_back();
    std::string_view text = data ? std::string_view(static_cast<const char*>(data), length) : std::string_view();
    state.row.fields[state.field_count++].assign(trim_blanks(text));
}

void on_record(int, void* context)
{
    auto& state = *static_cast<ReaderState*>(context);
    state.row.fields.resize(state.field_count);
    bool blank = std::all_of(state.row.fields.begin(), state.row.fields.end(),
                             [](const std::string& field) { return field.empty(); });
    if (!blank && !state.stopped) {
        state.row.line = state.record_start;
        state.stopped = !(*state.on_row)(state.row);
    }
    state.field_count = 0;
}

// Only ordinary spaces are trimmed by libcsv: a tab may be the separator.
int is_space(unsigned char c)
{
    return c == ' ' ? 1 : 0;
}

bool is_comment(std::string_view line)
{
    auto first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '#';
}

core::Error malformed(long line)
{
    return core::Error::invalid(
        "Fichier CSV mal formé à partir de la ligne " + std::to_string(line) +
        " : un guillemet ouvrant n'est pas refermé, ou un champ entre guillemets est suivi d'autres caractères "
        "avant le séparateur. Vérifiez les guillemets de cette ligne : un guillemet à l'intérieur d'un champ "
        "s'écrit \"\".");
}

}  // namespace

core::Status read_csv_rows(std::string_view text, char separator, const std::function<bool(const CsvRow&)>& on_row)
{
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        throw std::bad_alloc();
    csv_set_delim(&parser, static_cast<unsigned char>(separator));
    csv_set_space_func(&parser, is_space);

    ReaderState state;
    state.on_row = &on_row;
    // Fed line by line so that each row knows the line it starts on. The
    // parity of quotes says whether a line starts inside a quoted field (in
    // well-formed CSV a quote inside a field is doubled), which is where a '#'
    // is data rather than the start of a comment.
    bool inside_quotes = false;
    long line = 1;
    std::size_t position = 0;
    bool failed = false;
    while (position < text.size() && !state.stopped) {
        std::size_t end = text.find('\n', position);
        std::size_t chunk_end = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view chunk = text.substr(position, chunk_end - position);
        if (!inside_quotes && state.field_count == 0)
            state.record_start = line;
        bool skip = !inside_quotes && state.field_count == 0 && is_comment(chunk);
        if (!skip && csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_record, &state) != chunk.size()) {
            failed = true;
            break;
        }
        if (!skip && std::count(chunk.begin(), chunk.end(), '"') % 2 == 1)
            inside_quotes = !inside_quotes;
        position = chunk_end;
        ++line;
    }
    if (!failed && !state.stopped && csv_fini(&parser, on_field, on_record, &state) != 0)
        failed = true;
    csv_free(&parser);
    if (failed)
        return malformed(state.record_start);
    return {};
}

}  // namespace boussole::collection
