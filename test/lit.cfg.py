# lit suite: each *.test file is a command-line scenario checked by FileCheck.
import os
import lit.formats

config.name = "chokepoint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.chokepoint_bin, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.chokepoint_bin, config.llvm_tools_dir, config.environment.get("PATH", "")])
# No colours, one language, whatever the terminal.
config.environment["LANG"] = "C.UTF-8"
config.environment.pop("TERM", None)

config.substitutions.append(("%chokepoint", os.path.join(config.chokepoint_bin, "chokepoint")))
# chokepoint with a rule made up for a test (test/tools/extra_rule.cpp).
config.substitutions.append(("%with-extra-rule", os.path.join(config.chokepoint_bin, "chokepoint-extra-rule")))
# The benchmark's topology generator (bench/gen_topology.cpp).
config.substitutions.append(("%chokepoint-gen", os.path.join(config.chokepoint_bin, "chokepoint-gen")))
config.substitutions.append(("%samples", os.path.join(config.chokepoint_src, "samples")))
config.substitutions.append(("%docs", os.path.join(config.chokepoint_src, "docs")))
config.substitutions.append(("%srcroot", config.chokepoint_src))
config.substitutions.append(("%python", config.python))
# Checks SARIF logs with the SARIF SDK's validator (installed by
# scripts/install-sarif-validator into build/npm of the source tree, whichever build folder
# runs the tests: the sanitizer build uses the same one) and against the
# OASIS schema.
config.substitutions.append(
    ("%validate-sarif", "%s %s %s %s" % (
        config.python,
        os.path.join(config.chokepoint_src, "test", "output", "validate_sarif.py"),
        os.path.join(config.chokepoint_src, "test", "schemas", "sarif-schema-2.1.0.json"),
        os.path.join(config.chokepoint_src, "build", "npm"))))
# The compact JSON report laid out one member per line, two-space indented,
# for tests that check it key by key (test/tools/json_pretty.py).
config.substitutions.append(
    ("%json-pretty", "%s %s" % (config.python, os.path.join(
        config.chokepoint_src, "test", "tools", "json_pretty.py"))))
# FileCheck that lets no unexpected diagnostic through.
config.substitutions.append(
    ("%check-strict", "FileCheck --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=remark:"))
