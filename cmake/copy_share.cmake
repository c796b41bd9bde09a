# Script mode: copies the resources of Boussole into SHARE_DIR. file(COPY)
# skips files whose timestamp is unchanged, so a rebuild costs little.
set(dsfr ${SOURCE_DIR}/node_modules/@gouvfr/dsfr/dist)
if(NOT EXISTS ${dsfr}/dsfr.min.css)
  message(FATAL_ERROR "DSFR introuvable dans node_modules : lancez « make setup » (npm ci).")
endif()

file(COPY ${SOURCE_DIR}/web/templates/ DESTINATION ${SHARE_DIR}/templates)
file(COPY ${SOURCE_DIR}/web/static/ DESTINATION ${SHARE_DIR}/static/boussole)
file(COPY ${SOURCE_DIR}/data/ DESTINATION ${SHARE_DIR}/data)
file(COPY ${SOURCE_DIR}/web/api/ DESTINATION ${SHARE_DIR}/api)

# Only what the pages use of the DSFR: styles, scripts, woff2 fonts, the icon
# families in use, the favicon.
set(out ${SHARE_DIR}/static/dsfr)
file(COPY ${dsfr}/dsfr.min.css ${dsfr}/dsfr.module.min.js ${dsfr}/dsfr.nomodule.min.js DESTINATION ${out})
file(COPY ${dsfr}/utility/icons/icons.min.css DESTINATION ${out}/utility/icons)
file(COPY ${dsfr}/fonts/ DESTINATION ${out}/fonts FILES_MATCHING PATTERN "*.woff2")
foreach(family arrows buildings business communication document map system user)
  file(COPY ${dsfr}/icons/${family} DESTINATION ${out}/icons)
endforeach()
file(COPY ${dsfr}/favicon DESTINATION ${out})
