#pragma once
// The wording of the demonstration roadmaps and ITAs: action templates by
// priority, progress notes, abandonment reasons, meeting agendas and
// decisions. Plain French, synthetic. For demo_steering.cpp only.

#include <string>
#include <vector>

namespace boussole::steering::demo {

// Who leads or joins an action: "departement", "ars", "mdph", "caf",
// "education_nationale", "cdca", "conference_financeurs", "carsat", "dreets".
struct ActionTemplate {
    const char* priority;
    const char* title;  // "{name}" is replaced by the department's name
    const char* description;
    const char* lead;
    std::vector<const char*> partners;
    const char* indicator;  // catalogue code, or ""
    int budget;             // euros; 0 for none
};

const std::vector<ActionTemplate>& action_templates();
const std::vector<const char*>& progress_notes();
const std::vector<const char*>& abandon_reasons();
const std::vector<const char*>& meeting_agendas();
const std::vector<const char*>& decision_texts();

}  // namespace boussole::steering::demo
