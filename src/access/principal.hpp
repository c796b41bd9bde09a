#pragma once
// Who is acting: a signed-in person, an information system with an API token,
// the system itself (command line, start-up), or nobody. Every domain
// operation that reads restricted data or writes receives a Principal and
// checks it (policy.hpp); pages and API handlers only pass it on.

#include "access/role.hpp"
#include "territory/registry.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::access {

// The territories where a principal may act, derived from what its
// organisation covers: the nation covers everything, a region its
// departments, a department itself.
class Scope {
public:
    static Scope everywhere();
    static Scope nowhere() { return {}; }
    // Expands covered territories with the registry (a region brings its
    // departments).
    static Scope from_coverage(const std::vector<territory::TerritoryKey>& covered,
                               const territory::TerritoryRegistry& registry);

    bool national() const { return m_national; }
    // True when the territory lies within the scope: a department of it, a
    // region of it, or anything for a national scope.
    bool covers(const territory::TerritoryKey& key) const;
    const std::set<territory::TerritoryKey>& territories() const { return m_territories; }

private:
    bool m_national = false;
    std::set<territory::TerritoryKey> m_territories;
};

enum class PrincipalKind { Anonymous, User, ApiToken, System };

enum class Permission { Read, Write };

struct Principal {
    PrincipalKind kind = PrincipalKind::Anonymous;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> token_id;
    std::optional<std::int64_t> session_id;
    std::optional<std::int64_t> organisation_id;
    Role role = Role::TerritorialReader;
    std::string request_id;  // the HTTP request acting, for the audit log
    std::string label;       // for the audit log: "marie.dupont@ars.sante.fr", "jeton « SI MDPH 33 »"
    std::string display_name;
    Scope scope;
    bool can_write = false;  // API tokens carry read or read+write

    static Principal anonymous() { return {}; }
    static Principal system(std::string label = "système");

    bool authenticated() const { return kind != PrincipalKind::Anonymous; }
    bool is_national_admin() const;
};

// Reads the territories an organisation covers. Throws storage::DatabaseError.
std::vector<territory::TerritoryKey> organisation_coverage(storage::Connection& connection,
                                                           std::int64_t organisation_id);

}  // namespace boussole::access
