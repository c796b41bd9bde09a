#pragma once
// Who writes a change, as the rows and the audit log keep it. For the
// conventions module only.

#include "access/principal.hpp"
#include "core/clock.hpp"

#include <string>

namespace boussole::conventions {

struct Author {
    std::string name;
    std::string at;  // ISO 8601

    static Author of(const access::Principal& principal)
    {
        return {principal.display_name.empty() ? principal.label : principal.display_name,
                core::to_iso8601(core::now())};
    }
};

}  // namespace boussole::conventions
