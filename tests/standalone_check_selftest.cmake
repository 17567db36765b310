# Checks tests/standalone_check.cmake itself on a scratch tree: it must fail on a file that points
# outside the repository and pass once that file is gone, both in a tarball (no .git: a scan) and
# in a git work tree (tracked files only).
#
#   cmake -DCHECK_SCRIPT=<tests/standalone_check.cmake> -DWORK_DIR=<scratch dir> -P this file
cmake_minimum_required(VERSION 3.21)

set(_dot_dot "..")
set(_bad_text "see ${_dot_dot}/shared/spec/notes.md\n")   # assembled: this file does not contain it
set(_bad_absolute "see /work/")
string(APPEND _bad_absolute "shared/spec/notes.md\n")

function(run_check dir expect_ok what)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${dir} -DBINARY_DIR=${dir}/build-x
                          -P "${CHECK_SCRIPT}"
                  RESULT_VARIABLE _r OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(expect_ok AND NOT _r EQUAL 0)
    message(FATAL_ERROR "${what}: the check failed, expected to pass:\n${_out}${_err}")
  elseif(NOT expect_ok AND _r EQUAL 0)
    message(FATAL_ERROR "${what}: the check passed, expected to fail:\n${_out}${_err}")
  endif()
  if(NOT expect_ok AND NOT _err MATCHES "docs/bad\\.md")
    message(FATAL_ERROR "${what}: the failure does not name docs/bad.md:\n${_err}")
  endif()
  message(STATUS "${what}: as expected")
endfunction()

set(_tree "${WORK_DIR}/tree")
file(REMOVE_RECURSE "${_tree}")
file(WRITE "${_tree}/README.md" "A clean file.\n")
file(WRITE "${_tree}/docs/spec.md" "Cites docs/spec.md section 7 only.\n")

# A tarball: no .git.
run_check("${_tree}" TRUE "tarball, clean")
file(WRITE "${_tree}/docs/bad.md" "${_bad_text}")
run_check("${_tree}" FALSE "tarball, a relative path outside")
file(WRITE "${_tree}/docs/bad.md" "${_bad_absolute}")
run_check("${_tree}" FALSE "tarball, an absolute path outside")
file(REMOVE "${_tree}/docs/bad.md")
file(WRITE "${_tree}/build/CMakeCache.txt" "${_bad_text}")      # build trees are not the source
file(WRITE "${_tree}/build-x/generated.txt" "${_bad_text}")
run_check("${_tree}" TRUE "tarball, build trees ignored")

# A git work tree: what is tracked counts, untracked files do not.
find_package(Git QUIET)
if(GIT_EXECUTABLE)
  execute_process(COMMAND "${GIT_EXECUTABLE}" init -q WORKING_DIRECTORY "${_tree}" RESULT_VARIABLE _r)
  if(NOT _r EQUAL 0)
    message(FATAL_ERROR "git init failed in ${_tree}")
  endif()
  execute_process(COMMAND "${GIT_EXECUTABLE}" add README.md docs/spec.md WORKING_DIRECTORY "${_tree}")
  file(WRITE "${_tree}/docs/bad.md" "${_bad_text}")
  run_check("${_tree}" TRUE "git, the offending file untracked")
  execute_process(COMMAND "${GIT_EXECUTABLE}" add docs/bad.md WORKING_DIRECTORY "${_tree}")
  run_check("${_tree}" FALSE "git, the offending file tracked")
else()
  message(STATUS "git not found: the git mode is not exercised")
endif()
file(REMOVE_RECURSE "${_tree}")
