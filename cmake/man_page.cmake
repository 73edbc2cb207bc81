# A man page from a Markdown document: go-md2man with its title line first.
#   cmake -DDOC=in.md -DPAGE=out.5 -DTITLE='name 5 "" "src" "manual"'
#         -DMD2MAN=/usr/bin/go-md2man -P man_page.cmake
file(READ "${DOC}" body)
file(WRITE "${PAGE}.md" "${TITLE}\n==========\n\n${body}")
execute_process(COMMAND "${MD2MAN}" -in "${PAGE}.md" -out "${PAGE}"
                RESULT_VARIABLE failed)
file(REMOVE "${PAGE}.md")
if(failed)
  message(FATAL_ERROR "go-md2man failed on ${DOC}")
endif()
