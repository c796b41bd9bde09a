#pragma once
// The query parameters of a roadmap list, shared by the API and the pages:
// status, priority, lead, late=true, sort (due_on, progress, title,
// priority) and order (asc, desc). Each error names its parameter in French.

#include "core/result.hpp"
#include "steering/roadmap.hpp"
#include "web/http/message.hpp"

#include <string>

namespace boussole::web::api {

struct RoadmapQuery {
    steering::ActionFilter filter;
    steering::ActionSort sort = steering::ActionSort::DueDate;
    bool descending = false;
    std::string sort_name = "due_on";
};

core::Result<RoadmapQuery> roadmap_query(const http::Request& request);

const char* to_string(steering::ActionSort sort);

}  // namespace boussole::web::api
