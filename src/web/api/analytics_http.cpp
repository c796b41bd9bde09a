#include "web/api/analytics_http.hpp"

#include "analytics/analytics.hpp"
#include "web/request_context.hpp"

#include <cstdio>

namespace boussole::web::api {

namespace {

void mix(std::uint64_t& hash, std::string_view text)
{
    for (unsigned char c : text)
        hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xFFu) * 1099511628211ULL;  // a separator: "ab"+"c" is not "a"+"bc"
}

std::string trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return std::string(text);
}

}  // namespace

analytics_views::Audience audience_of(const http::Request& request)
{
    return request_context(request).principal.authenticated() ? analytics_views::Audience::SignedIn
                                                              : analytics_views::Audience::Public;
}

AnalyticsSnapshot take_snapshot(AppState& state, AnalyticsApi& api,
                                const std::function<void(storage::Connection&)>& also)
{
    AnalyticsSnapshot snapshot;
    snapshot.sequence = state.analytics->sequence();
    if (!also) {
        if (auto known = api.catalogues.checked_at(snapshot.sequence)) {
            snapshot.catalogue = std::move(known->catalogue);
            snapshot.fingerprint = known->fingerprint;
            return snapshot;
        }
    }
    auto current = state.database.read([&](storage::Connection& connection) {
        auto found = api.catalogues.current(connection, snapshot.sequence);
        if (also)
            also(connection);
        return found;
    });
    snapshot.catalogue = std::move(current.catalogue);
    snapshot.fingerprint = current.fingerprint;
    return snapshot;
}

std::string analytics_etag(const AnalyticsSnapshot& snapshot, analytics_views::Audience audience,
                           std::string_view question)
{
    std::uint64_t hash = 14695981039346656037ULL;
    mix(hash, std::to_string(snapshot.sequence));
    mix(hash, std::to_string(snapshot.fingerprint));
    mix(hash, audience == analytics_views::Audience::Public ? "public" : "connecte");
    mix(hash, question);
    char text[40];
    std::snprintf(text, sizeof text, "\"a-%016llx\"", static_cast<unsigned long long>(hash));
    return text;
}

bool not_modified(const http::Request& request, const std::string& etag)
{
    auto header = request.header("If-None-Match");
    if (!header)
        return false;
    std::string_view list = *header;
    while (!list.empty()) {
        auto comma = list.find(',');
        auto item = trimmed(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (item.rfind("W/", 0) == 0)
            item.erase(0, 2);
        if (item == "*" || item == etag)
            return true;
    }
    return false;
}

void set_cache_headers(http::Response& response, const std::string& etag, analytics_views::Audience audience)
{
    response.set_header("ETag", etag);
    response.set_header("Cache-Control",
                        audience == analytics_views::Audience::Public ? "no-cache" : "private, no-cache");
    response.set_header("Vary", "Cookie, Authorization");
}

http::Response not_modified_response(const std::string& etag, analytics_views::Audience audience)
{
    auto response = http::Response::empty(304);
    set_cache_headers(response, etag, audience);
    return response;
}

std::optional<std::vector<targets::Target>> TargetsAtSequence::find(int row, std::int64_t sequence)
{
    std::lock_guard lock(m_mutex);
    auto found = m_targets.find(row);
    if (found == m_targets.end() || found->second.first != sequence)
        return std::nullopt;
    return found->second.second;
}

void TargetsAtSequence::keep(int row, std::int64_t sequence, const std::vector<targets::Target>& found)
{
    std::lock_guard lock(m_mutex);
    m_targets[row] = {sequence, found};
}

std::optional<http::Response> AnswerCache::find(const std::string& etag)
{
    std::lock_guard lock(m_mutex);
    auto found = m_answers.find(etag);
    if (found == m_answers.end())
        return std::nullopt;
    return found->second;
}

void AnswerCache::keep(const std::string& etag, const http::Response& response)
{
    std::lock_guard lock(m_mutex);
    // Tags of an older sequence are never asked again: starting afresh is
    // simpler than tracking which ones.
    if (m_answers.size() >= kLargest)
        m_answers.clear();
    m_answers.emplace(etag, response);
}

}  // namespace boussole::web::api
