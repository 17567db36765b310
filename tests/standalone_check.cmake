# The repository stands alone: no file of it may point outside it, at a directory that only the
# project's own machines have (a sibling "shared" folder of specs and notes). Fails when a file
# contains such a path, and names the files.
#
#   cmake -DSOURCE_DIR=<repository> [-DBINARY_DIR=<build dir>] -P tests/standalone_check.cmake
#
# The files checked: `git ls-files` when SOURCE_DIR is a git work tree and git is installed;
# otherwise (a release tarball) every file under SOURCE_DIR except .git, build trees (build/,
# build-*/, out/, BINARY_DIR) and this script. The patterns are assembled below, so that this
# file does not contain them.
cmake_minimum_required(VERSION 3.21)

if(NOT DEFINED SOURCE_DIR)
  message(FATAL_ERROR "standalone_check: -DSOURCE_DIR=<repository> is required")
endif()
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)

set(_dot_dot "..")
set(_pattern_relative "${_dot_dot}/shared")   # a sibling folder next to the repository
set(_pattern_absolute "/work/")                # the same folder, by its absolute path
string(APPEND _pattern_absolute "shared")
string(REPLACE "." "\\." _regex_relative "${_pattern_relative}")
set(_regex "${_regex_relative}|${_pattern_absolute}")

set(_files "")
set(_how "")
find_package(Git QUIET)
if(EXISTS "${SOURCE_DIR}/.git" AND GIT_EXECUTABLE)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -c core.quotepath=off ls-files
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE _git_result OUTPUT_VARIABLE _git_out ERROR_VARIABLE _git_err)
  if(_git_result EQUAL 0)
    string(REPLACE ";" "\\;" _git_out "${_git_out}")
    string(REPLACE "\n" ";" _listed "${_git_out}")
    foreach(_f IN LISTS _listed)
      if(NOT _f STREQUAL "")
        list(APPEND _files "${SOURCE_DIR}/${_f}")
      endif()
    endforeach()
    set(_how "git ls-files")
  endif()
endif()
if(_how STREQUAL "")
  file(GLOB_RECURSE _all LIST_DIRECTORIES false "${SOURCE_DIR}/*")
  foreach(_f IN LISTS _all)
    file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
    if(_rel MATCHES "^(\\.git|build|build-[^/]*|out)/")
      continue()
    endif()
    if(DEFINED BINARY_DIR AND NOT BINARY_DIR STREQUAL "")
      get_filename_component(_bin "${BINARY_DIR}" ABSOLUTE)
      string(FIND "${_f}" "${_bin}/" _in_bin)
      if(_in_bin EQUAL 0)
        continue()
      endif()
    endif()
    list(APPEND _files "${_f}")
  endforeach()
  set(_how "a scan of the source tree")
endif()

set(_offenders "")
set(_count 0)
foreach(_f IN LISTS _files)
  if(_f STREQUAL CMAKE_CURRENT_LIST_FILE OR IS_DIRECTORY "${_f}" OR NOT EXISTS "${_f}")
    continue()   # this script, a submodule, or a tracked file deleted in the work tree
  endif()
  math(EXPR _count "${_count} + 1")
  file(STRINGS "${_f}" _hits REGEX "${_regex}")
  if(_hits)
    file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
    list(GET _hits 0 _first)
    string(STRIP "${_first}" _first)
    string(APPEND _offenders "\n  ${_rel}: ${_first}")
  endif()
endforeach()

if(_count EQUAL 0)
  message(FATAL_ERROR "standalone_check: no file found under ${SOURCE_DIR} (${_how})")
endif()
if(NOT _offenders STREQUAL "")
  message(FATAL_ERROR "These files point outside the repository (${_pattern_relative} or "
                      "${_pattern_absolute}); cite docs/spec.md or data/ instead:${_offenders}")
endif()
message(STATUS "${_count} files (${_how}): none points outside the repository.")
