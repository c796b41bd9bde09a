#include "web/pages/roadmap_exports.hpp"

#include "render/csv_writer.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace boussole::web::pages {

namespace {

const std::vector<std::string> kHeaders = {"Numéro",
                                           "Intitulé",
                                           "Priorité",
                                           "Pilote",
                                           "Partenaires",
                                           "Statut",
                                           "En retard",
                                           "Motif d'abandon",
                                           "Début",
                                           "Échéance",
                                           "Avancement (%)",
                                           "Budget prévu (€)",
                                           "Budget consommé (€)",
                                           "Co-construite",
                                           "Indicateurs",
                                           "Description"};

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string file_name(const RoadmapExport& roadmap, const char* extension)
{
    return "feuille-de-route-" + roadmap.territory.key.to_string() + "." + extension;
}

}  // namespace

http::Response roadmap_csv(const RoadmapExport& roadmap, std::chrono::year_month_day today)
{
    render::CsvWriter writer;
    writer.add_row(kHeaders);
    for (const auto& action : roadmap.actions)
        writer.add_row({std::to_string(action.id), action.title, action.priority, action.lead_name,
                        joined(action.partners), steering::label(action.status), action.late(today) ? "oui" : "non",
                        action.abandon_reason, action.starts_on, action.due_on,
                        render::csv_number(static_cast<double>(action.progress)),
                        render::csv_number(action.planned_budget), render::csv_number(action.spent_budget),
                        action.co_built ? "oui" : "non", joined(action.indicators), action.description});
    auto response = http::Response::text(200, writer.text());
    response.set_header("Content-Type", std::string(render::kCsvContentType));
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_name(roadmap, "csv") + "\"");
    return response;
}

http::Response roadmap_xlsx(const RoadmapExport& roadmap, std::chrono::year_month_day today)
{
    // libxlsxwriter 1.1 writes only to a file: a private temporary one, read
    // back and removed.
    std::random_device random;
    auto path = std::filesystem::temp_directory_path() /
                ("boussole-export-" + std::to_string(random()) + std::to_string(random()) + ".xlsx");
    auto* workbook = workbook_new(path.c_str());
    if (!workbook)
        return http::Response::text(500, "Export XLSX impossible : fichier temporaire indisponible.");
    auto* sheet = workbook_add_worksheet(workbook, "Feuille de route");
    auto* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    auto* euro = workbook_add_format(workbook);
    format_set_num_format(euro, "#,##0 \"€\"");
    for (std::size_t column = 0; column < kHeaders.size(); ++column)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column), kHeaders[column].c_str(), bold);
    worksheet_set_column(sheet, 1, 1, 50, nullptr);
    worksheet_set_column(sheet, 3, 4, 30, nullptr);
    lxw_row_t row = 1;
    for (const auto& action : roadmap.actions) {
        auto text = [&](lxw_col_t column, const std::string& value) {
            worksheet_write_string(sheet, row, column, value.c_str(), nullptr);
        };
        worksheet_write_number(sheet, row, 0, static_cast<double>(action.id), nullptr);
        text(1, action.title);
        text(2, action.priority);
        text(3, action.lead_name);
        text(4, joined(action.partners));
        text(5, steering::label(action.status));
        text(6, action.late(today) ? "oui" : "non");
        text(7, action.abandon_reason);
        text(8, action.starts_on);
        text(9, action.due_on);
        worksheet_write_number(sheet, row, 10, action.progress, nullptr);
        if (action.planned_budget)
            worksheet_write_number(sheet, row, 11, *action.planned_budget, euro);
        if (action.spent_budget)
            worksheet_write_number(sheet, row, 12, *action.spent_budget, euro);
        text(13, action.co_built ? "oui" : "non");
        text(14, joined(action.indicators));
        text(15, action.description);
        ++row;
    }
    worksheet_autofilter(sheet, 0, 0, row - 1, static_cast<lxw_col_t>(kHeaders.size() - 1));
    worksheet_freeze_panes(sheet, 1, 0);
    auto closed = workbook_close(workbook);
    std::ostringstream bytes;
    {
        std::ifstream file(path, std::ios::binary);
        bytes << file.rdbuf();
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (closed != LXW_NO_ERROR)
        return http::Response::text(500, "Export XLSX impossible.");
    auto response = http::Response::text(200, bytes.str());
    response.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_name(roadmap, "xlsx") + "\"");
    return response;
}

}  // namespace boussole::web::pages
