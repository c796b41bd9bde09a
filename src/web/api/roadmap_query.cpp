#include "web/api/roadmap_query.hpp"

#include "web/api/parameters.hpp"

namespace boussole::web::api {

const char* to_string(steering::ActionSort sort)
{
    switch (sort) {
    case steering::ActionSort::Progress: return "progress";
    case steering::ActionSort::Title: return "title";
    case steering::ActionSort::Priority: return "priority";
    default: return "due_on";
    }
}

core::Result<RoadmapQuery> roadmap_query(const http::Request& request)
{
    RoadmapQuery query;
    auto status = text_query(request, "status", 20);
    if (!status.ok())
        return std::move(status).error();
    if (!status->empty()) {
        auto parsed = steering::parse_action_status(*status);
        if (!parsed.ok())
            return invalid_parameter("status", "Paramètre « status » : " + parsed.error().message, *status);
        query.filter.status = *parsed;
    }
    auto priority = text_query(request, "priority", 5);
    if (!priority.ok())
        return std::move(priority).error();
    query.filter.priority = *priority;
    auto lead = text_query(request, "lead", 100);
    if (!lead.ok())
        return std::move(lead).error();
    query.filter.lead = *lead;
    auto late = bool_query(request, "late");
    if (!late.ok())
        return std::move(late).error();
    query.filter.late_only = late->value_or(false);
    auto sort = text_query(request, "sort", 20);
    if (!sort.ok())
        return std::move(sort).error();
    if (!sort->empty()) {
        bool known = false;
        for (auto candidate : {steering::ActionSort::DueDate, steering::ActionSort::Progress,
                               steering::ActionSort::Title, steering::ActionSort::Priority})
            if (*sort == to_string(candidate)) {
                query.sort = candidate;
                known = true;
            }
        if (!known)
            return invalid_parameter("sort",
                                     "Paramètre « sort » : attendu « due_on » (échéance), « progress » (avancement), "
                                     "« title » (intitulé) ou « priority » (priorité).",
                                     *sort);
    }
    query.sort_name = to_string(query.sort);
    auto order = text_query(request, "order", 5);
    if (!order.ok())
        return std::move(order).error();
    if (!order->empty() && *order != "asc" && *order != "desc")
        return invalid_parameter("order", "Paramètre « order » : attendu « asc » ou « desc ».", *order);
    query.descending = *order == "desc";
    return query;
}

}  // namespace boussole::web::api
