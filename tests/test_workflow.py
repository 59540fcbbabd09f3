"""The GitHub Actions workflow, .ci/run and README run the same commands."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
CI_RUN = ROOT / ".ci" / "run"


def readme_headline_commands() -> tuple[str, str]:
    """README's two opening commands (install and serve; install and test), without comments."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    serve, test = (block.strip().splitlines()[0].split("  #")[0].strip() for block in blocks[:2])
    assert "mkdocs serve" in serve and "pytest" in test, (serve, test)
    return serve, test


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_workflow_is_valid_yaml_with_its_triggers(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert set(workflow["jobs"]) == {"test", "build", "deploy"}


def test_ci_run_runs_the_readme_test_command_word_for_word() -> None:
    command = readme_headline_commands()[1]
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert command in lines
    assert lines[-1] == command, ".ci/run ends with the README test command, so its exit code is CI's"


def test_pull_requests_run_ci_run_with_browser_tests_required(workflow: dict[str, Any]) -> None:
    test = workflow["jobs"]["test"]
    assert test["if"] == "github.event_name != 'schedule' && !inputs.publish_only", "the tests run on every pull request and push"
    assert runs(test) == ["bash .ci/run"]
    assert str(test["env"]["CI"]).lower() == "true"
    assert "bookworm" in test["container"], "Debian's Chromium, as on the team's machines"


def test_the_readme_commands_make_a_virtual_environment_and_silence_materials_notice() -> None:
    serve, test = readme_headline_commands()
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert serve.startswith(venv + "pip install -e . && ") and test.startswith(venv + "pip install -q -e \".[test]\" && ")
    assert "export NO_MKDOCS_2_WARNING=1 && mkdocs serve" in serve


def test_merge_to_main_builds_strict_with_the_readme_install(workflow: dict[str, Any]) -> None:
    build = workflow["jobs"]["build"]
    assert build["needs"] == "test"
    assert "refs/heads/main" in build["if"] and "pull_request" in build["if"]
    serve = readme_headline_commands()[0]
    assert serve.endswith(" && mkdocs serve")
    assert runs(build) == [serve.removesuffix("mkdocs serve") + "mkdocs build --strict"]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site_dir = re.search(r"^site_dir:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert upload["with"]["path"] == (site_dir.group(1) if site_dir else "site")


def test_deploy_publishes_to_github_pages_one_at_a_time(workflow: dict[str, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "read"}, "only the deploy job may write"
    assert "write" not in workflow["jobs"]["build"]["permissions"].values()


def test_the_site_is_published_again_every_day_and_on_demand(workflow: dict[str, Any]) -> None:
    """Scheduled editions, banner dates, review ages and the latest-updates window change without a push."""
    triggers = workflow.get("on", workflow.get(True))
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit(), "once a day"
    assert 4 <= int(hour) <= 6, "just after midnight in Ottawa (04:00 to 06:00 UTC)"
    assert triggers["workflow_dispatch"]["inputs"]["publish_only"] == {
        "description": "Publish at once, without the test job (main was tested when it was merged)", "type": "boolean", "default": False,
    }
    build = workflow["jobs"]["build"]
    assert "needs.test.result == 'skipped'" in build["if"] and "always()" in build["if"]
    assert "TRAVEL_ADVICE_BUILD_DATE" not in str(build), "the build's now is the clock, not a fixed date"
    assert "schedule" in workflow["jobs"]["test"]["if"]


def test_publishing_checks_out_the_whole_history(workflow: dict[str, Any]) -> None:
    """The history pages read every edition from git: a shallow checkout would publish none."""
    checkout = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
