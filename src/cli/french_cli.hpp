#pragma once
// CLI11 speaks English by default; Boussole's command line speaks French, in
// its help and in its error messages.

namespace CLI {
class App;
}

namespace boussole::cli {

void make_french(CLI::App& app);

}  // namespace boussole::cli
