#pragma once
// What every handler of the application shares: the database, the reference
// data loaded at start (immutable afterwards, so read without locks), the
// templates and the instance's settings. Built once by application.cpp.

#include "access/sessions.hpp"
#include "analytics/analytics.hpp"
#include "render/templates.hpp"
#include "storage/database.hpp"
#include "territory/population.hpp"
#include "territory/registry.hpp"
#include "web/http/static_files.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace boussole::web {

struct AppState {
    storage::Database& database;
    territory::TerritoryRegistry registry;
    territory::PopulationTable population;
    render::Templates templates;
    nlohmann::json openapi;  // the API description served at /api/v1/openapi.json
    std::string share_dir;
    bool demo = false;           // show the demonstration banner
    bool secure_cookies = true;  // false only for plain-HTTP test set-ups
    access::SessionSettings sessions;
    http::StaticFiles static_files;  // also gives the fingerprinted URLs of assets
    // The live figures; follows the database while the application lives.
    // Declared last: destroyed first, before the registry it reads.
    std::unique_ptr<analytics::Analytics> analytics = nullptr;
};

}  // namespace boussole::web
