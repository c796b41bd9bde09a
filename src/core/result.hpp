#pragma once
// Result<T>: a value or an Error, for every operation whose failure is expected
// (validation, not found, conflict, forbidden). Unexpected failures throw.

#include "core/error.hpp"

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace boussole::core {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() &
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    const T& value() const&
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    T&& value() &&
    {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const&
    {
        assert(!ok());
        return std::get<1>(m_state);
    }
    Error&& error() &&
    {
        assert(!ok());
        return std::get<1>(std::move(m_state));
    }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const&
    {
        assert(m_failed);
        return m_error;
    }
    Error&& error() &&
    {
        assert(m_failed);
        return std::move(m_error);
    }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

template <typename>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T>> : std::true_type {};

}  // namespace boussole::core

// Returns the error of an expression that yields a Result, early.
#define BOUSSOLE_TRY(expression)                           \
    do {                                                   \
        auto boussole_try_result = (expression);           \
        if (!boussole_try_result.ok())                     \
            return std::move(boussole_try_result).error(); \
    } while (false)
