# Installs the CMake package `sb-sdk` next to the SDK headers:
#   <prefix>/lib/cmake/sb-sdk/sb-sdkConfig.cmake          find_package(sb-sdk) entry
#   <prefix>/lib/cmake/sb-sdk/sb-sdkConfigVersion.cmake   SameMajorVersion (= ABI major)
#   <prefix>/lib/cmake/sb-sdk/sb-sdkTargets.cmake         imported target sb::sdk
#   <prefix>/lib/cmake/sb-sdk/SbPlugin.cmake, sb_plugin.map   sb_add_plugin() + export list
# Fixed "lib" (not CMAKE_INSTALL_LIBDIR, which is lib/<arch> for /usr on Debian)
# like the plugin folder, so one prefix always has both at the same place;
# find_package searches <prefix>/lib/cmake on every platform.
include(CMakePackageConfigHelpers)

set(SB_SDK_CMAKE_INSTALL_DIR lib/cmake/sb-sdk)

install(EXPORT sb-sdkTargets NAMESPACE sb:: DESTINATION ${SB_SDK_CMAKE_INSTALL_DIR})

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/sb-sdkConfig.cmake.in
  ${CMAKE_BINARY_DIR}/sb-sdk/sb-sdkConfig.cmake
  INSTALL_DESTINATION ${SB_SDK_CMAKE_INSTALL_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR SB_PLUGIN_INSTALL_DIR)
# Header-only + CMake code: any architecture can use it.
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/sb-sdk/sb-sdkConfigVersion.cmake
  VERSION ${SB_SDK_VERSION}
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)

install(FILES
  ${CMAKE_BINARY_DIR}/sb-sdk/sb-sdkConfig.cmake
  ${CMAKE_BINARY_DIR}/sb-sdk/sb-sdkConfigVersion.cmake
  ${SB_SDK_SOURCE_DIR}/cmake/SbPlugin.cmake
  ${SB_SDK_SOURCE_DIR}/cmake/sb_plugin.map
  DESTINATION ${SB_SDK_CMAKE_INSTALL_DIR})
