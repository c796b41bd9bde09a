#pragma once
// The live analytics of one process: the cube, kept up to date, and the
// indicator grids computed from it on demand and kept until the data or the
// catalogue change. Thread-safe: requests read concurrently; a catch-up
// takes the cube for itself for the time of applying the changed cells.
//
// Freshness: follow() registers a commit listener, so a value written by
// this process is in every aggregate when its write returns; writes of other
// processes arrive through PostgreSQL's notifications (or, on SQLite, a
// check every second), and a node that lost its connection catches up from
// the change sequence, so nothing is missed.

#include "analytics/cube_loader.hpp"
#include "analytics/grid.hpp"
#include "analytics/territory_layout.hpp"
#include "catalogue/catalogue.hpp"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

namespace boussole::storage {
class Database;
class Connection;
}  // namespace boussole::storage

namespace boussole::analytics {

struct DepartmentSeries;

// The channel the nodes notify each other on (collection/cell_store.cpp).
inline constexpr const char* kChangeChannel = "boussole_data_values";

class Analytics {
public:
    // registry must outlive the Analytics.
    explicit Analytics(const territory::TerritoryRegistry& registry);
    ~Analytics();
    Analytics(const Analytics&) = delete;
    Analytics& operator=(const Analytics&) = delete;

    const TerritoryLayout& layout() const { return m_layout; }

    // Applies the cells changed since the last catch-up (all of them the
    // first time). Throws storage::DatabaseError.
    CatchUp catch_up(storage::Connection& connection);
    CatchUp catch_up(storage::Database& database);

    // Follows database until stop() or destruction (see above).
    void follow(storage::Database& database);
    void stop();

    // The change sequence the figures are at: part of the API's ETag.
    std::int64_t sequence() const;
    std::int64_t values() const;
    std::size_t memory_bytes() const;

    // The indicator for every territory and period of type; nullptr when it
    // cannot be computed at that type (finer than its periodicity, a
    // formula that does not parse).
    std::shared_ptr<const Grid> grid(const catalogue::Catalogue& catalogue, const catalogue::Indicator& indicator,
                                     core::PeriodType type);
    Figure figure(const catalogue::Catalogue& catalogue, const catalogue::Indicator& indicator,
                  const territory::TerritoryKey& territory, const core::Period& period);

    // Runs work(Cube&) with the cube to itself (bulk builders: benchmarks,
    // tests); the grids computed before are dropped.
    template <typename Work>
    void modify(Work&& work)
    {
        std::unique_lock lock(m_cube_mutex);
        work(m_cube);
        forget_grids();
    }

private:
    void forget_grids();
    std::shared_ptr<const Grid> grid_locked(const catalogue::Catalogue& catalogue,
                                            const catalogue::Indicator& indicator, core::PeriodType type,
                                            std::uint64_t fingerprint);

    TerritoryLayout m_layout;
    mutable std::shared_mutex m_cube_mutex;
    Cube m_cube;

    std::mutex m_grids_mutex;
    struct GridKey {
        std::string indicator;
        core::PeriodType type;
        std::uint64_t catalogue;
        auto operator<=>(const GridKey&) const = default;
    };
    std::map<GridKey, std::shared_ptr<const Grid>> m_grids;
    // Elements aggregated over time, shared by the indicators using them;
    // the catalogue fingerprint stands for the element's rules.
    std::map<GridKey, std::shared_ptr<const DepartmentSeries>> m_series;
    std::set<GridKey> m_computing;  // a reference loop gives no value, never a stack overflow

    std::mutex m_follow_mutex;
    std::condition_variable m_follow_wakeup;
    bool m_stopping = false;
    std::thread m_follower;
    storage::Database* m_followed = nullptr;
    std::size_t m_commit_listener = 0;
};

// Identifies a catalogue's content by the versions of its entries: a grid
// computed under one fingerprint is stale under another.
std::uint64_t fingerprint(const catalogue::Catalogue& catalogue);

}  // namespace boussole::analytics
