// The mov_to_mp4 plugin as the host sees it: dlopen'ed, entry symbol resolved.
#ifndef SB_TESTS_MP4_PLUGIN_UNDER_TEST_HPP
#define SB_TESTS_MP4_PLUGIN_UNDER_TEST_HPP

#include <sb/plugin_abi.h>

namespace sb::test {

// Loaded once per process and never unloaded (like the host does). Fails the
// calling test (ADD_FAILURE) and returns nullptr when the plugin cannot be used.
const sb_plugin_entry_t *mp4_plugin_entry();
const sb_plugin_desc *mp4_plugin();
// The "mp4" converter; aborts the test via a fatal failure if absent, so call it
// through ASSERT_NO_FATAL_FAILURE or use the MP4_CONVERTER() macro below.
const sb_converter_desc *mp4_converter();

} // namespace sb::test

#define MP4_CONVERTER(var)                                 \
    const sb_converter_desc *var##_ptr = sb::test::mp4_converter(); \
    ASSERT_NE(var##_ptr, nullptr) << "mp4 converter not loaded";     \
    const sb_converter_desc &var = *var##_ptr

#endif // SB_TESTS_MP4_PLUGIN_UNDER_TEST_HPP
