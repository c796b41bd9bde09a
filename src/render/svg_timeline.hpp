#pragma once
// A timeline (Gantt-like) of dated items for the roadmap pages: one row per
// item, a bar from its start to its due day over a graduated axis of months,
// filled in proportion to its progress, a red outline for a late item, and
// a vertical line for today. Accessible as the other charts (role="img",
// <title>, <desc>, a <title> per bar); the pages give a table alternative.
// Pure function of its arguments: safe from any thread.

#include <chrono>
#include <string>
#include <vector>

namespace boussole::render {

struct TimelineItem {
    std::string label;
    std::chrono::year_month_day start;
    std::chrono::year_month_day end;
    int progress = 0;  // percent
    bool late = false;
    bool finished = false;    // done or abandoned: drawn grey
    std::string status_text;  // "en cours", read in the bar's title
    std::string href;
};

std::string timeline_chart(const std::vector<TimelineItem>& items, std::chrono::year_month_day today,
                           const std::string& title, const std::string& description, const std::string& id_prefix);

}  // namespace boussole::render
