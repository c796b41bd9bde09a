# boussole_module(NAME <name> SOURCES ... [DEPENDS ...] [TESTS ...])
# One static library per module, named boussole_<name>; its DEPENDS list is the
# dependency direction made visible. TESTS are the module's *_test.cpp files,
# gathered into the single test program (one PostgreSQL server for all).
set_property(GLOBAL PROPERTY BOUSSOLE_TEST_SOURCES "")
set_property(GLOBAL PROPERTY BOUSSOLE_TEST_LIBRARIES "")

function(boussole_module)
  cmake_parse_arguments(MODULE "" "NAME" "SOURCES;DEPENDS;TESTS" ${ARGN})
  set(target boussole_${MODULE_NAME})
  add_library(${target} STATIC ${MODULE_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  # The larger modules parse the common headers once (precompiled.hpp).
  list(LENGTH MODULE_SOURCES source_count)
  if(source_count GREATER_EQUAL 8)
    target_precompile_headers(${target} PRIVATE ${CMAKE_SOURCE_DIR}/cmake/precompiled.hpp)
  endif()
  target_link_libraries(${target} PUBLIC ${MODULE_DEPENDS})
  foreach(test_source IN LISTS MODULE_TESTS)
    set_property(GLOBAL APPEND PROPERTY BOUSSOLE_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/${test_source})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY BOUSSOLE_TEST_LIBRARIES ${target})
endfunction()
