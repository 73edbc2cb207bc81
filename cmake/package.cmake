# `cmake --install` and the Debian package (scripts/package runs cpack):
# runyd and runy in /usr/bin, the systemd units, shell completions, the
# TypeScript declarations and examples, and man pages generated from the
# programs' --help (help2man) and from docs/service-files.md (go-md2man).
include(GNUInstallDirs)
# `cmake --install` (and cpack) install what scripts/package built, not
# every test and benchmark.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS runyd runy RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The units of deploy/, with the binaries where the package puts them.
set(RUNY_PACKAGED_BINDIR /usr/bin)
foreach(unit runyd.service runyd-user.service)
  file(READ ${PROJECT_SOURCE_DIR}/deploy/${unit} text)
  string(REPLACE "/usr/local/bin/runyd" "${RUNY_PACKAGED_BINDIR}/runyd" text
                 "${text}")
  string(REPLACE "%h/.local/bin/runyd" "${RUNY_PACKAGED_BINDIR}/runyd" text
                 "${text}")
  string(REPLACE "/usr/local/share/doc/runy" "/usr/share/doc/runy" text
                 "${text}")
  file(WRITE ${PROJECT_BINARY_DIR}/deploy/${unit} "${text}")
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/deploy/runyd.service
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_BINARY_DIR}/deploy/runyd-user.service
        DESTINATION lib/systemd/user RENAME runyd.service)

# Completions, from runy itself.
set(completions
    bash share/bash-completion/completions runy
    zsh share/zsh/vendor-completions _runy
    fish share/fish/vendor_completions.d runy.fish)
set(completion_files)
while(completions)
  list(POP_FRONT completions shell dir name)
  set(out ${PROJECT_BINARY_DIR}/completions/${name})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completions
    COMMAND $<TARGET_FILE:runy> completion ${shell} > ${out}
    DEPENDS runy
    COMMENT "runy completion ${shell}")
  list(APPEND completion_files ${out})
  install(FILES ${out} DESTINATION ${dir})
endwhile()
add_custom_target(completions ALL DEPENDS ${completion_files})

install(FILES ${PROJECT_SOURCE_DIR}/examples/runy.d.ts
              ${PROJECT_SOURCE_DIR}/examples/jsconfig.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/runy)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/remote.md
              ${PROJECT_SOURCE_DIR}/docs/reliability.md
              ${PROJECT_SOURCE_DIR}/docs/logs.md
              ${PROJECT_SOURCE_DIR}/docs/watching.md
              ${PROJECT_SOURCE_DIR}/docs/service-files.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Man pages: written once, in the --help texts and the docs.
option(RUNY_MAN_PAGES "Generate man pages (needs help2man and go-md2man)" OFF)
if(RUNY_MAN_PAGES)
  find_program(HELP2MAN help2man REQUIRED)
  find_program(GO_MD2MAN go-md2man REQUIRED)
  set(man_dir ${PROJECT_BINARY_DIR}/man)
  # A program's page, from its --help.
  function(runy_help_man_page program section name)
    set(page ${man_dir}/${program}.${section})
    add_custom_command(
      OUTPUT ${page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${man_dir}
      COMMAND ${HELP2MAN} --no-info --section ${section} --name ${name}
              --output ${page} $<TARGET_FILE:${program}>
      DEPENDS ${program}
      VERBATIM
      COMMENT "man page ${program}(${section})")
  endfunction()
  runy_help_man_page(runy 1 "control runyd, the runy process supervisor")
  runy_help_man_page(runyd 8 "the runy process supervisor daemon")
  add_custom_command(
    OUTPUT ${man_dir}/runy-service.5
    COMMAND ${CMAKE_COMMAND} -E make_directory ${man_dir}
    COMMAND ${CMAKE_COMMAND} -DDOC=${PROJECT_SOURCE_DIR}/docs/service-files.md
            -DPAGE=${man_dir}/runy-service.5
            "-DTITLE=runy-service 5 \"\" \"runy ${PROJECT_VERSION}\" \"File formats\""
            -DMD2MAN=${GO_MD2MAN} -P ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/docs/service-files.md
            ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake
    VERBATIM
    COMMENT "man page runy-service(5)")
  # Compressed, as Debian ships man pages.
  set(pages)
  foreach(page runy.1 runyd.8 runy-service.5)
    add_custom_command(
      OUTPUT ${man_dir}/${page}.gz
      COMMAND gzip -9nkf ${man_dir}/${page}
      DEPENDS ${man_dir}/${page}
      VERBATIM)
    list(APPEND pages ${man_dir}/${page}.gz)
    string(REGEX REPLACE ".*\\." "" section ${page})
    install(FILES ${man_dir}/${page}.gz
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endforeach()
  add_custom_target(man ALL DEPENDS ${pages})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME runy)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "runy maintainers <runy@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "process supervisor with services defined in JavaScript")
set(CPACK_PACKAGE_DESCRIPTION
    "runyd supervises long-running processes (restart policies, lossless logs,
 file watching, crash recovery); runy controls it over gRPC on a Unix socket
 or TCP. Services are defined in JavaScript files.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
# The shared libraries' packages, found by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
