# The share directory of a built Boussole (build/share): page templates, the
# project's static files, the subset of the DSFR the pages use, the OpenAPI
# document and the reference data. Refreshed on every build (copies only what
# changed).
add_custom_target(share ALL
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DSHARE_DIR=${BOUSSOLE_SHARE_DIR}
          -P ${CMAKE_SOURCE_DIR}/cmake/copy_share.cmake
  COMMENT "Assembling ${BOUSSOLE_SHARE_DIR}")
add_dependencies(boussole share)
add_dependencies(boussole_tests share)

# The outlines of the departments for the server-side maps, extracted from
# @gouvfr/dsfr-chart into share/data/map/departements.json (read by
# render::load_map_geometry). Generated, never committed: the package's code
# stays in node_modules. Without node_modules or node the build stops with a
# message that says to run « make setup ».
set(BOUSSOLE_MAP_CHART_DIR ${CMAKE_SOURCE_DIR}/node_modules/@gouvfr/dsfr-chart)
set(BOUSSOLE_MAP_GEOMETRY ${BOUSSOLE_SHARE_DIR}/data/map/departements.json)
find_program(NODE_PROGRAM node)
set(map_geometry_inputs ${CMAKE_SOURCE_DIR}/scripts/extract-map-geometry.mjs)
if(EXISTS ${BOUSSOLE_MAP_CHART_DIR}/dist/MapChart/MapChart.js)
  list(APPEND map_geometry_inputs ${BOUSSOLE_MAP_CHART_DIR}/package.json ${BOUSSOLE_MAP_CHART_DIR}/dist/MapChart/MapChart.js)
else()
  message(WARNING "@gouvfr/dsfr-chart introuvable dans node_modules : la compilation échouera ; lancez « make setup » (npm ci).")
endif()
if(NODE_PROGRAM)
  add_custom_command(OUTPUT ${BOUSSOLE_MAP_GEOMETRY}
    COMMAND ${NODE_PROGRAM} ${CMAKE_SOURCE_DIR}/scripts/extract-map-geometry.mjs ${BOUSSOLE_MAP_CHART_DIR} ${BOUSSOLE_MAP_GEOMETRY}
    DEPENDS ${map_geometry_inputs}
    COMMENT "Extracting the department outlines from @gouvfr/dsfr-chart")
else()
  add_custom_command(OUTPUT ${BOUSSOLE_MAP_GEOMETRY}
    COMMAND ${CMAKE_COMMAND} -E echo "node introuvable : il faut node pour extraire la géométrie des départements ; lancez « make setup »."
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
add_custom_target(map_geometry DEPENDS ${BOUSSOLE_MAP_GEOMETRY})
add_dependencies(share map_geometry)
