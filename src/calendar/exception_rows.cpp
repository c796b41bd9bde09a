// The exceptions of recurring events (calendar_event_exceptions), read and
// written with their event: an event's exceptions are replaced as a whole
// when it is saved.
#include "calendar/event_rows.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

namespace boussole::calendar::rows {

namespace {

constexpr const char* kSelectExceptions =
    "SELECT recurrence, excluded, starts_local, ends_local, place, status FROM calendar_event_exceptions "
    "WHERE event_id = $1 ORDER BY recurrence";
constexpr const char* kDeleteExceptions = "DELETE FROM calendar_event_exceptions WHERE event_id = $1";
constexpr const char* kInsertException =
    "INSERT INTO calendar_event_exceptions (event_id, recurrence, excluded, starts_local, ends_local, place, status) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";

}  // namespace

std::vector<EventException> exceptions_of(storage::Connection& connection, std::int64_t event_id)
{
    std::vector<EventException> exceptions;
    for (auto row : connection.query(kSelectExceptions, {static_cast<long long>(event_id)})) {
        EventException exception;
        exception.recurrence = row.text("recurrence");
        exception.excluded = row.boolean("excluded");
        exception.starts_local = row.text("starts_local");
        exception.ends_local = row.text("ends_local");
        exception.place = row.text("place");
        auto status = parse_event_status(row.text("status"));
        if (!status.ok())
            throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                         "calendar_event_exceptions : " + status.error().message);
        exception.status = *status;
        exceptions.push_back(std::move(exception));
    }
    return exceptions;
}

void write_exceptions(storage::Connection& connection, const Event& event)
{
    connection.execute(kDeleteExceptions, {static_cast<long long>(event.id)});
    for (const auto& exception : event.exceptions)
        connection.execute(kInsertException,
                           {static_cast<long long>(event.id), exception.recurrence, exception.excluded,
                            exception.excluded ? std::string() : exception.starts_local,
                            exception.excluded ? std::string() : exception.ends_local,
                            exception.excluded ? std::string() : exception.place,
                            to_string(exception.excluded ? EventStatus::Planned : exception.status)});
}

}  // namespace boussole::calendar::rows
