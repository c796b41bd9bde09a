#pragma once
// What the constraints pages share (calendar_constraints_page.cpp lists and
// declares, calendar_constraint_edit.cpp changes and withdraws): the form's
// fields read from a POST, and the form's context.

#include "calendar/conflicts.hpp"
#include "calendar/events.hpp"
#include "web/http/url.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace boussole::web::pages {

inline const FieldIds kConstraintFields = {{"organisation_id", "contrainte-organisation"},
                                           {"first_day", "contrainte-debut"},
                                           {"last_day", "contrainte-fin"},
                                           {"kinds", "contrainte-types"},
                                           {"reason", "contrainte-motif"}};

// The list of a territory's constraints with the declaration form: input
// fills the form; an Invalid error is shown field by field, another (a
// stale withdrawal, 409) as a message.
http::Response render_constraints(AppState& state, http::Request& request, const territory::Territory& territory,
                                  const calendar::ConstraintInput& input, const std::optional<core::Error>& error);

// The fields of a posted constraint form.
calendar::ConstraintInput constraint_input_of(const http::Params& form);

// The input that would save the constraint as it is.
calendar::ConstraintInput constraint_input_of(const calendar::Constraint& constraint);

// {first_day, last_day, reason, kinds: [{code, label, checked}]} for the form.
nlohmann::json constraint_form_view(const calendar::ConstraintInput& input);

// "2026-07-14" for a day.
std::string iso_day(std::chrono::year_month_day day);

// The flash of the constraints' own message codes (?message=contrainte-…).
std::optional<Flash> constraint_flash(const http::Request& request);

}  // namespace boussole::web::pages
