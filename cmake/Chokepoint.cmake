# Chokepoint.cmake: extract chokepoint's facts as part of your build.
#
#   include(Chokepoint)              # or find_package(chokepoint)
#   add_executable(voice-syncer src/pool.cc src/session.cc ...)
#   chokepoint_extract(voice-syncer)
#
# chokepoint_extract(TARGET [OUTPUT_DIR DIR] [SERVICE_MAP PATH=SERVICE...])
# adds one `chokepoint extract` per C/C++ source of TARGET to the build: a
# custom command that writes DIR/<source path>.facts.json (DIR defaults to
# ${CMAKE_BINARY_DIR}/chokepoint/TARGET) and depends on the source and on
# every file its compile reads (a depfile chokepoint writes), so the build
# tool runs the extractions in parallel, re-runs only those of the TUs
# that changed, and a distributed build (distcc, icecream, a
# remote-execution farm) can spread them like compiles. A target
# TARGET_chokepoint_facts, built by default, holds them all; the list of
# facts files is in the variable TARGET_CHOKEPOINT_FACTS. Then
#
#   chokepoint check build/chokepoint/voice-syncer [manifests...]
#
# gives the findings `chokepoint check -p build` gives. The database the
# extractions read is ${CMAKE_BINARY_DIR}/compile_commands.json: TARGET
# exports its compile commands (EXPORT_COMPILE_COMMANDS).
#
# CHOKEPOINT_EXECUTABLE (a cache variable) is the chokepoint to run: by
# default the one installed beside this file, or found on the PATH.

cmake_minimum_required(VERSION 3.20)

get_filename_component(_chokepoint_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.."
                       ABSOLUTE)
find_program(CHOKEPOINT_EXECUTABLE chokepoint
             HINTS "${_chokepoint_prefix}/bin"
             DOC "the chokepoint program chokepoint_extract() runs")

function(chokepoint_extract target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "SERVICE_MAP")
  if(NOT TARGET ${target})
    message(FATAL_ERROR "chokepoint_extract: no target '${target}'")
  endif()
  if(NOT CHOKEPOINT_EXECUTABLE)
    message(FATAL_ERROR "chokepoint_extract: chokepoint not found; set "
                        "CHOKEPOINT_EXECUTABLE to its path")
  endif()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_BINARY_DIR}/chokepoint/${target}")
  endif()
  set_property(TARGET ${target} PROPERTY EXPORT_COMPILE_COMMANDS ON)
  set(map_args)
  foreach(entry IN LISTS arg_SERVICE_MAP)
    list(APPEND map_args --service-map "${entry}")
  endforeach()

  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(outputs)
  foreach(source IN LISTS sources)
    if(source MATCHES "\\$<") # a generator expression: not a file yet
      continue()
    endif()
    get_filename_component(ext "${source}" LAST_EXT)
    if(NOT ext MATCHES "^\\.(c|cc|cpp|cxx|c\\+\\+|C|cp|m|mm)$")
      continue()
    endif()
    get_filename_component(abs "${source}" ABSOLUTE BASE_DIR "${source_dir}")
    # The facts file mirrors the source's path below the target's folder
    # (or the whole path, for a source outside it).
    file(RELATIVE_PATH rel "${source_dir}" "${abs}")
    if(rel MATCHES "^\\.\\./")
      string(REGEX REPLACE "^/" "" rel "${abs}")
    endif()
    set(out "${arg_OUTPUT_DIR}/${rel}.facts.json")
    add_custom_command(
      OUTPUT "${out}"
      COMMAND "${CHOKEPOINT_EXECUTABLE}" extract -p "${CMAKE_BINARY_DIR}"
              ${map_args} "${abs}" -o "${out}" --depfile "${out}.d"
      DEPENDS "${abs}" "${CHOKEPOINT_EXECUTABLE}"
      DEPFILE "${out}.d"
      COMMENT "chokepoint: extracting ${rel}"
      VERBATIM)
    list(APPEND outputs "${out}")
  endforeach()
  add_custom_target(${target}_chokepoint_facts ALL DEPENDS ${outputs})
  # The database lists the target's sources once it is configured; the
  # extractions also wait for the target's own generated headers.
  add_dependencies(${target}_chokepoint_facts ${target})
  set(${target}_CHOKEPOINT_FACTS ${outputs} PARENT_SCOPE)
endfunction()
