#pragma once
// What the analytics endpoints share (analytics.cpp, analytics_equity.cpp,
// analytics_dashboard.cpp): who reads, the snapshot an answer is computed
// from, and conditional requests.
//
// Caching: an answer is identified by the analytics sequence (every data
// change moves it), the catalogue's fingerprint, the audience (the public
// sees validated figures only), the normalised question and, for the
// dashboard, its territory's targets. The entity tag is their hash; a client
// sending it back in If-None-Match gets 304 while nothing moved.
// Cache-Control: no-cache (private for signed-in readers) makes every reuse
// ask first, so that a change is never missed.

#include "catalogue/catalogue.hpp"
#include "targets/targets.hpp"
#include "web/analytics_views.hpp"
#include "web/app_state.hpp"
#include "web/catalogue_cache.hpp"
#include "web/http/message.hpp"
#include "web/http/router.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::web::api {

analytics_views::Audience audience_of(const http::Request& request);

// The data an answer is computed from. The sequence is read before the
// catalogue and the figures: an answer may be newer than its tag, never older.
struct AnalyticsSnapshot {
    std::int64_t sequence = 0;
    std::shared_ptr<const catalogue::Catalogue> catalogue;
    std::uint64_t fingerprint = 0;
};

// What the analytics endpoints of one application share.
struct AnalyticsApi {
    CatalogueCache catalogues;
};

// Throws storage::DatabaseError. also, when given, reads more in the same
// transaction (the targets of a dashboard). Without it, no query at all while
// the analytics sequence stays where the catalogue was last checked.
AnalyticsSnapshot take_snapshot(AppState& state, AnalyticsApi& api,
                                const std::function<void(storage::Connection&)>& also = nullptr);

// "\"a-…\"": a strong entity tag over the snapshot, the audience and the
// parts that identify the question.
std::string analytics_etag(const AnalyticsSnapshot& snapshot, analytics_views::Audience audience,
                           std::string_view question);

// True when If-None-Match names etag (or is "*").
bool not_modified(const http::Request& request, const std::string& etag);

// 304 with the tag and the caching headers.
http::Response not_modified_response(const std::string& etag, analytics_views::Audience audience);

// ETag, Cache-Control and Vary on a 200.
void set_cache_headers(http::Response& response, const std::string& etag, analytics_views::Audience audience);

// The targets of each territory as read at an analytics sequence: every
// target change takes a sequence number, so they hold while it stays.
// Thread-safe; bounded by the territories.
class TargetsAtSequence {
public:
    std::optional<std::vector<targets::Target>> find(int row, std::int64_t sequence);
    void keep(int row, std::int64_t sequence, const std::vector<targets::Target>& found);

private:
    std::mutex m_mutex;
    std::map<int, std::pair<std::int64_t, std::vector<targets::Target>>> m_targets;
};

// The last answers by entity tag, so that a dashboard asked again while
// nothing moved is not computed again. Thread-safe; bounded.
class AnswerCache {
public:
    std::optional<http::Response> find(const std::string& etag);
    void keep(const std::string& etag, const http::Response& response);

private:
    static constexpr std::size_t kLargest = 256;
    std::mutex m_mutex;
    std::map<std::string, http::Response> m_answers;
};

void register_analytics_equity_routes(http::Router& router, AppState& state, std::shared_ptr<AnalyticsApi> api);
void register_analytics_dashboard_routes(http::Router& router, AppState& state, std::shared_ptr<AnalyticsApi> api);

}  // namespace boussole::web::api
