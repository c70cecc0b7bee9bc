#include "cli.hpp"

int main(int argc, char **argv) { return sb::app::run(argc, argv); }
