set(cli_db "sqlite:${CMAKE_BINARY_DIR}/cli-test/boussole.db")
add_test(NAME cli_help COMMAND boussole --help)
set_tests_properties(cli_help PROPERTIES PASS_REGULAR_EXPRESSION "Utilisation: boussole.*Commandes:.*serve")
add_test(NAME cli_version COMMAND boussole version)
set_tests_properties(cli_version PROPERTIES PASS_REGULAR_EXPRESSION "^boussole ${PROJECT_VERSION}")
add_test(NAME cli_unknown_option COMMAND boussole serve --porte 80)
set_tests_properties(cli_unknown_option PROPERTIES WILL_FAIL TRUE)
add_test(NAME cli_unknown_option_message COMMAND boussole serve --porte 80)
set_tests_properties(cli_unknown_option_message PROPERTIES PASS_REGULAR_EXPRESSION "Erreur : arguments inattendus")
add_test(NAME cli_bad_database COMMAND boussole migrate --db "mysql://localhost/x")
set_tests_properties(cli_bad_database PROPERTIES PASS_REGULAR_EXPRESSION "non reconnue")
add_test(NAME cli_init_and_users
  COMMAND ${CMAKE_COMMAND} -E env BOUSSOLE_DB=${cli_db} sh -c
    "rm -rf '${CMAKE_BINARY_DIR}/cli-test' && mkdir -p '${CMAKE_BINARY_DIR}/cli-test' && \
     $<TARGET_FILE:boussole> init --demo && \
     BOUSSOLE_PASSWORD='une phrase de passe solide' $<TARGET_FILE:boussole> user add --email Agent@Exemple.fr \
       --name 'Agent test' --organisation cd-33 --role territorial_editor && \
     $<TARGET_FILE:boussole> user disable agent@exemple.fr && \
     $<TARGET_FILE:boussole> user list")
set_tests_properties(cli_init_and_users PROPERTIES
  PASS_REGULAR_EXPRESSION "agent@exemple.fr +Contributeur territorial +Conseil départemental de la Gironde \\(désactivé\\)")
add_test(NAME cli_refused_user COMMAND boussole user add --db ${cli_db} --email x@y.fr --name X
  --organisation cd-33 --role national_admin --password "une phrase de passe solide")
set_tests_properties(cli_refused_user PROPERTIES PASS_REGULAR_EXPRESSION "rôles nationaux" DEPENDS cli_init_and_users)

# boussole import on files as spreadsheets write them (tests/cli/import.sh):
# each case on its own copy of one database that cli_import_setup initialises.
set(cli_import_dir ${CMAKE_BINARY_DIR}/cli-import)
add_test(NAME cli_import_setup
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/import.sh $<TARGET_FILE:boussole> ${cli_import_dir} setup)
set_tests_properties(cli_import_setup PROPERTIES FIXTURES_SETUP cli_import)
foreach(case spreadsheet same_file_twice windows_1252 faulty valid_lines)
  add_test(NAME cli_import_${case}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/import.sh $<TARGET_FILE:boussole> ${cli_import_dir} ${case})
  set_tests_properties(cli_import_${case} PROPERTIES FIXTURES_REQUIRED cli_import TIMEOUT 60)
endforeach()

# An import killed with SIGKILL in the middle leaves nothing written, on both
# backends (tests/cli/import_crash.sh; PostgreSQL on a throwaway server).
foreach(backend sqlite postgresql)
  add_test(NAME cli_import_crash_${backend}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/import_crash.sh $<TARGET_FILE:boussole>
      ${CMAKE_BINARY_DIR}/cli-import-crash-${backend} ${backend})
  set_tests_properties(cli_import_crash_${backend} PROPERTIES TIMEOUT 300)
endforeach()

# Two nodes on one PostgreSQL database see each other's writes, across a
# restart of the database (tests/cli/two_nodes.sh).
add_test(NAME cli_two_nodes
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/two_nodes.sh $<TARGET_FILE:boussole> ${CMAKE_BINARY_DIR}/share
    ${CMAKE_BINARY_DIR}/cli-two-nodes)
set_tests_properties(cli_two_nodes PROPERTIES TIMEOUT 300)
