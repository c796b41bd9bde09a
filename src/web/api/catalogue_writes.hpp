#pragma once
// Creating and changing one catalogue entry (source, data element, indicator)
// over the API, the same way for the three: the body read as a JSON object,
// the required members named, the change note, the version the editor saw.

#include "catalogue/catalogue_json.hpp"
#include "web/api/catalogue_api.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <initializer_list>
#include <string>

namespace boussole::web::api {

template <typename Entry, typename Create>
http::Response create_entry(AppState& state, http::Request& request, std::initializer_list<const char*> required,
                            const char* collection, Create create)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto present = require_members(*body, required); !present.ok())
        return problem_response(present.error(), request);
    Entry entry;
    if (auto merged = catalogue::merge_json(*body, entry); !merged.ok())
        return problem_response(merged.error(), request);
    auto note = change_note(*body);
    if (!note.ok())
        return problem_response(note.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return create(connection, request_context(request).principal, entry, *note);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    auto view = catalogue::to_json(*saved);
    return created(view, std::string(collection) + saved->code);
}

template <typename Entry, typename Find, typename Update>
http::Response patch_entry(AppState& state, http::Request& request, const char* what, Find find, Update update)
{
    auto code = code_parameter(request);
    if (!code.ok())
        return problem_response(code.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto note = change_note(*body);
    if (!note.ok())
        return problem_response(note.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<Entry> {
        auto loaded = catalogue::Catalogue::load(connection);
        const Entry* current = find(loaded, *code);
        if (!current)
            return core::Error::not_found(std::string(what) + " « " + *code + " » : introuvable, vérifiez le code.");
        Entry after = *current;
        BOUSSOLE_TRY(catalogue::merge_json(*body, after));
        return update(connection, request_context(request).principal, *code, *version, after, *note);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, catalogue::to_json(*saved));
}

}  // namespace boussole::web::api
