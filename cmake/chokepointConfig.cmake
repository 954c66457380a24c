# find_package(chokepoint): chokepoint_extract() (Chokepoint.cmake) and the
# annotations header's folder, CHOKEPOINT_INCLUDE_DIR.
include("${CMAKE_CURRENT_LIST_DIR}/Chokepoint.cmake")
get_filename_component(CHOKEPOINT_INCLUDE_DIR
                       "${CMAKE_CURRENT_LIST_DIR}/../../../include" ABSOLUTE)
