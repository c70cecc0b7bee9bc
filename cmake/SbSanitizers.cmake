# -DSB_SANITIZE=address,undefined  or  -DSB_SANITIZE=thread
if(SB_SANITIZE)
  message(STATUS "sb: building with -fsanitize=${SB_SANITIZE}")
  add_compile_options(-fsanitize=${SB_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${SB_SANITIZE})
endif()
