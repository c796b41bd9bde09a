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
