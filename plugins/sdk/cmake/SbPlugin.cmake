# sb_add_plugin(<name> SOURCES <files...> [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds one converter plugin: a MODULE library named <name>.so that exports
# exactly the entry symbol `sb_plugin_entry` (hidden visibility + version
# script), refuses undefined symbols at link time, lands in the folder sb
# searches, and installs to <prefix>/lib/sb/plugins.
set(_SB_PLUGIN_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})

function(sb_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "sb_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE sb::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED SB_PLUGIN_BUILD_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${SB_PLUGIN_BUILD_DIR})
  endif()
  target_link_options(${name} PRIVATE
    "LINKER:--version-script=${_SB_PLUGIN_CMAKE_DIR}/sb_plugin.map")
  # Sanitizer runtimes leave symbols undefined in shared objects on purpose.
  if(NOT SB_SANITIZE)
    target_link_options(${name} PRIVATE "LINKER:-z,defs")
  endif()
  if(DEFINED SB_PLUGIN_INSTALL_DIR AND NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${SB_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
