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
