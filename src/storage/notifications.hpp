#pragma once
// Notifications between the processes that share one database: a node that
// commits a change sends one on a channel, the others wake up and catch up.
// A notification carries no data: what changed is read back from the
// database, so a missed notification (lost connection, restart) only delays a
// catch-up, it never loses a change.

#include <chrono>

namespace boussole::storage {

class NotificationListener {
public:
    virtual ~NotificationListener() = default;

    enum class Wake {
        Notified,     // at least one notification arrived on the channel
        TimedOut,     // nothing within the timeout
        Reconnected,  // the link was lost and is back: notifications may have been missed
        Unavailable,  // the server cannot be reached now; try again later
    };

    // Waits up to timeout. Not thread-safe: one thread waits on a listener.
    virtual Wake wait(std::chrono::milliseconds timeout) = 0;
};

}  // namespace boussole::storage
