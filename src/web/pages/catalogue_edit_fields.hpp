#pragma once
// The fields of the edit form of a data element and of an indicator, and
// reading a submitted form back onto the entry (catalogue_edit.cpp).

#include "catalogue/catalogue.hpp"
#include "framework/framework.hpp"
#include "web/http/url.hpp"
#include "web/pages/catalogue_form.hpp"

#include <vector>

namespace boussole::web::pages {

std::vector<FormField> element_fields(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue);
std::vector<FormField> indicator_fields(const catalogue::Indicator& indicator, const catalogue::Catalogue& catalogue,
                                        const std::vector<const framework::FrameworkItem*>& priorities);

// Applies the form onto the entry. Invalid, naming each field, when a number
// or a choice does not read; the rules of the catalogue are checked on save.
core::Status read_form(const http::Params& form, catalogue::DataElement& element);
core::Status read_form(const http::Params& form, catalogue::Indicator& indicator);

}  // namespace boussole::web::pages
