# sb_add_plugin(<name> SOURCES <files...> [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds one converter plugin: a MODULE library <name>.so that
#  - links sb::sdk (C11 / C++17 headers, nothing else),
#  - exports exactly the entry symbol `sb_plugin_entry` (hidden visibility for
#    code and inline functions + the SDK's version script), so two plugins can
#    never bind to each other's symbols,
#  - refuses undefined symbols at link time (-z defs: a missing library fails
#    the build, not `sb ls` on the user's machine),
#  - installs to <prefix>/lib/sb/plugins (or ${SB_PLUGIN_INSTALL_DIR}), the
#    folder an sb installed in the same prefix loads plugins from.
# Works in the sb tree and, through find_package(sb-sdk), out of it.
include_guard(GLOBAL)

set(_SB_PLUGIN_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})

function(sb_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "sb_add_plugin(${name}): SOURCES is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sb_add_plugin(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE sb::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS ${_SB_PLUGIN_CMAKE_DIR}/sb_plugin.map)
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
  if(NOT ARG_NO_INSTALL)
    if(DEFINED SB_PLUGIN_INSTALL_DIR)
      set(_destination ${SB_PLUGIN_INSTALL_DIR})
    else()
      set(_destination lib/sb/plugins)
    endif()
    install(TARGETS ${name} LIBRARY DESTINATION ${_destination})
  endif()
endfunction()
