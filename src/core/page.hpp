#pragma once
// Pagination shared by every list: pages are numbered from 1, sizes capped.

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace boussole::core {

struct PageRequest {
    static constexpr int kDefaultSize = 20;
    static constexpr int kMaximumSize = 100;

    int number = 1;
    int size = kDefaultSize;

    std::int64_t offset() const { return static_cast<std::int64_t>(number - 1) * size; }

    // Validates page numbers and sizes read from a request ("page", "taille").
    static Result<PageRequest> make(int number, int size)
    {
        if (number < 1)
            return Error::invalid("Numéro de page invalide : attendu un entier à partir de 1.",
                                  {{"page", "attendu un entier à partir de 1", std::nullopt, std::to_string(number)}});
        if (size < 1 || size > kMaximumSize)
            return Error::invalid(
                "Taille de page invalide : attendu un entier de 1 à " + std::to_string(kMaximumSize) + ".",
                {{"taille", "attendu un entier de 1 à 100", std::nullopt, std::to_string(size)}});
        return PageRequest{number, size};
    }
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    int number = 1;
    int size = PageRequest::kDefaultSize;

    int page_count() const { return total == 0 ? 1 : static_cast<int>((total + size - 1) / size); }
};

}  // namespace boussole::core
