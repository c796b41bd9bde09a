#include "web/catalogue_cache.hpp"

#include "analytics/analytics.hpp"
#include "storage/connection.hpp"

namespace boussole::web {

namespace {

// Every change of an entry raises its version and its updated_at; adding or
// removing one changes a count.
constexpr const char* kCatalogueStamp =
    "SELECT (SELECT COUNT(*) FROM sources) AS sources, "
    "(SELECT COALESCE(SUM(version), 0) FROM sources) AS source_versions, "
    "(SELECT COALESCE(MAX(updated_at), '') FROM sources) AS source_changed, "
    "(SELECT COUNT(*) FROM data_elements) AS elements, "
    "(SELECT COALESCE(SUM(version), 0) FROM data_elements) AS element_versions, "
    "(SELECT COALESCE(MAX(updated_at), '') FROM data_elements) AS element_changed, "
    "(SELECT COUNT(*) FROM indicators) AS indicators, "
    "(SELECT COALESCE(SUM(version), 0) FROM indicators) AS indicator_versions, "
    "(SELECT COALESCE(MAX(updated_at), '') FROM indicators) AS indicator_changed, "
    "(SELECT COUNT(*) FROM indicator_priorities) AS priorities";

std::string stamp_of(storage::Connection& connection)
{
    auto rows = connection.query(kCatalogueStamp);
    const auto& row = rows.front();
    std::string stamp;
    for (const char* column : {"sources", "source_versions", "elements", "element_versions", "indicators",
                               "indicator_versions", "priorities"})
        stamp += std::to_string(row.integer(column)) + ";";
    for (const char* column : {"source_changed", "element_changed", "indicator_changed"})
        stamp += row.text(column) + ";";
    return stamp;
}

}  // namespace

CatalogueCache::Snapshot CatalogueCache::current(storage::Connection& connection, std::int64_t sequence)
{
    auto stamp = stamp_of(connection);
    {
        std::lock_guard lock(m_mutex);
        if (m_snapshot.catalogue && stamp == m_stamp) {
            m_checked_sequence = std::max(m_checked_sequence, sequence);
            return m_snapshot;
        }
    }
    Snapshot loaded;
    loaded.catalogue = std::make_shared<const catalogue::Catalogue>(catalogue::Catalogue::load(connection));
    loaded.fingerprint = analytics::fingerprint(*loaded.catalogue);
    std::lock_guard lock(m_mutex);
    m_stamp = stamp;
    m_snapshot = loaded;
    m_checked_sequence = sequence;
    return loaded;
}

std::optional<CatalogueCache::Snapshot> CatalogueCache::checked_at(std::int64_t sequence)
{
    std::lock_guard lock(m_mutex);
    if (!m_snapshot.catalogue || sequence != m_checked_sequence)
        return std::nullopt;
    return m_snapshot;
}

}  // namespace boussole::web
