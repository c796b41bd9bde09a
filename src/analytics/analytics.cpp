#include "analytics/analytics.hpp"

#include "analytics/evaluator.hpp"
#include "storage/database.hpp"

#include <functional>

namespace boussole::analytics {

namespace {

constexpr auto kListenTimeout = std::chrono::milliseconds(500);
// Without notifications (SQLite), another process's writes (a command-line
// import) are looked for this often.
constexpr auto kPollInterval = std::chrono::seconds(1);

void mix(std::uint64_t& hash, std::string_view text, int version)
{
    for (unsigned char c : text)
        hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ static_cast<std::uint64_t>(version)) * 1099511628211ULL;
}

}  // namespace

std::uint64_t fingerprint(const catalogue::Catalogue& catalogue)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (const auto& element : catalogue.elements())
        mix(hash, element.code, element.version);
    for (const auto& indicator : catalogue.indicators())
        mix(hash, indicator.code, indicator.version);
    return hash;
}

Analytics::Analytics(const territory::TerritoryRegistry& registry) : m_layout(registry), m_cube(m_layout.departments())
{}

Analytics::~Analytics()
{
    stop();
}

CatchUp Analytics::catch_up(storage::Connection& connection)
{
    std::unique_lock lock(m_cube_mutex);
    auto report = analytics::catch_up(connection, m_layout, m_cube);
    if (report.cells > 0)
        forget_grids();
    return report;
}

CatchUp Analytics::catch_up(storage::Database& database)
{
    auto connection = database.acquire();
    return catch_up(*connection);
}

void Analytics::follow(storage::Database& database)
{
    m_followed = &database;
    m_commit_listener = database.add_commit_listener([this](std::int64_t sequence, storage::Connection& connection) {
        if (sequence <= this->sequence())
            return;
        try {
            catch_up(connection);
        } catch (const std::exception&) {
            // The follower thread catches up within a second.
        }
    });
    m_follower = std::thread([this, &database] {
        auto listener = database.listen(kChangeChannel);
        for (;;) {
            {
                std::unique_lock lock(m_follow_mutex);
                if (m_stopping)
                    return;
            }
            if (listener) {
                listener->wait(kListenTimeout);
            } else {
                std::unique_lock lock(m_follow_mutex);
                m_follow_wakeup.wait_for(lock, kPollInterval, [this] { return m_stopping; });
                if (m_stopping)
                    return;
            }
            try {
                catch_up(database);
            } catch (const std::exception&) {
                // Database unreachable: the next round tries again, from the
                // same sequence, so nothing is lost.
            }
        }
    });
}

void Analytics::stop()
{
    if (m_followed) {
        m_followed->remove_commit_listener(m_commit_listener);
        m_followed = nullptr;
    }
    {
        std::lock_guard lock(m_follow_mutex);
        m_stopping = true;
    }
    m_follow_wakeup.notify_all();
    if (m_follower.joinable())
        m_follower.join();
}

std::int64_t Analytics::sequence() const
{
    std::shared_lock lock(m_cube_mutex);
    return m_cube.sequence();
}

std::int64_t Analytics::values() const
{
    std::shared_lock lock(m_cube_mutex);
    return m_cube.values();
}

std::size_t Analytics::memory_bytes() const
{
    std::shared_lock lock(m_cube_mutex);
    return m_cube.memory_bytes();
}

void Analytics::forget_grids()
{
    std::lock_guard lock(m_grids_mutex);
    m_grids.clear();
    m_series.clear();
}

std::shared_ptr<const Grid> Analytics::grid(const catalogue::Catalogue& catalogue,
                                            const catalogue::Indicator& indicator, core::PeriodType type)
{
    auto print = fingerprint(catalogue);
    std::shared_lock cube_lock(m_cube_mutex);
    std::lock_guard lock(m_grids_mutex);
    return grid_locked(catalogue, indicator, type, print);
}

// Called with both locks held: a grid computed here is consistent with the
// cube it was read from, and referenced indicators share the cache.
std::shared_ptr<const Grid> Analytics::grid_locked(const catalogue::Catalogue& catalogue,
                                                   const catalogue::Indicator& indicator, core::PeriodType type,
                                                   std::uint64_t print)
{
    GridKey key{indicator.code, type, print};
    if (auto found = m_grids.find(key); found != m_grids.end())
        return found->second;
    if (!m_computing.insert(key).second)
        return nullptr;
    Evaluator evaluator(
        m_cube, m_layout, catalogue,
        [&](const catalogue::Indicator& other, core::PeriodType other_type) {
            return grid_locked(catalogue, other, other_type, print);
        },
        [&](const catalogue::DataElement& element, core::PeriodType series_type) {
            GridKey series_key{element.code, series_type, print};
            auto& series = m_series[series_key];
            if (!series)
                series = std::make_shared<const DepartmentSeries>(
                    aggregate_in_time(m_cube.column(element.code), element, series_type, m_layout.departments()));
            return series;
        });
    std::shared_ptr<const Grid> grid = evaluator.evaluate(indicator, type);
    m_computing.erase(key);
    m_grids.emplace(std::move(key), grid);
    return grid;
}

Figure Analytics::figure(const catalogue::Catalogue& catalogue, const catalogue::Indicator& indicator,
                         const territory::TerritoryKey& territory, const core::Period& period)
{
    auto row = m_layout.row_of(territory);
    auto values = grid(catalogue, indicator, period.type());
    if (!row || !values)
        return {};
    return values->figure(*row, ordinal(period));
}

}  // namespace boussole::analytics
