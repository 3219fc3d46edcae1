"""FakeGitHub's deployment gates: the reviews and custom rules a run's jobs wait at.

A job that deploys to a protected environment waits for a review
(``pending_deployments``, ``approvals``) or a GitHub App's custom protection
rule (``deployment_protection_rule``). These are operations of the runs
area; they live apart from ``_runs`` so each module keeps to one job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from .._operations import Operation
from .._operations import runs as ops
from ._http import (
    Handler,
    error,
    json_body,
    json_response,
    no_content,
    node_id,
    not_found,
    origin_of,
)
from ._jobs import finish, run_of, user_json
from ._runs_state import (
    ACTING_USER,
    FakeDeploymentGate,
    FakeReview,
    FakeRun,
    RunsState,
    whole_second,
)
from ._state import iso, utcnow
from ._world import World


def _environment_json(run: FakeRun, gate: FakeDeploymentGate, origin: str) -> dict[str, Any]:
    return {
        "id": gate.environment_id,
        "node_id": node_id("Environment", gate.environment_id),
        "name": gate.environment,
        "url": f"{origin}/repos/{run.repo.full_name}/environments/{gate.environment}",
        "html_url": f"https://github.com/{run.repo.full_name}/deployments/activity_log"
        f"?environments_filter={gate.environment}",
    }


def _team_json(org: str, slug: str, origin: str) -> dict[str, Any]:
    number = sum(map(ord, f"{org}/{slug}"))
    return {
        "id": number,
        "node_id": node_id("Team", number),
        "url": f"{origin}/organizations/{org}/team/{number}",
        "html_url": f"https://github.com/orgs/{org}/teams/{slug}",
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "description": None,
        "privacy": "closed",
        "notification_setting": "notifications_enabled",
        "permission": "pull",
        "members_url": f"{origin}/organizations/{org}/team/{number}/members{{/member}}",
        "repositories_url": f"{origin}/organizations/{org}/team/{number}/repos",
        "type": "organization",
        "parent": None,
    }


async def pending_deployments(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    area, run = found
    origin = origin_of(request)
    return json_response(
        [
            {
                "environment": _environment_json(run, gate, origin),
                "wait_timer": gate.wait_timer,
                "wait_timer_started_at": None
                if gate.wait_timer_started_at is None
                else iso(gate.wait_timer_started_at),
                "current_user_can_approve": gate.current_user_can_approve,
                "reviewers": [
                    {"type": "User", "reviewer": user_json(area, login, origin)}
                    for login in gate.reviewers
                ]
                + [
                    {"type": "Team", "reviewer": _team_json(run.repo.owner, slug, origin)}
                    for slug in gate.teams
                ],
            }
            for gate in run.pending_deployments
        ]
    )


def _deployment_json(
    area: RunsState, run: FakeRun, gate: FakeDeploymentGate, origin: str
) -> dict[str, Any]:
    number = area.next_deployment = area.next_deployment + 1
    api = f"{origin}/repos/{run.repo.full_name}"
    now = iso(utcnow())
    return {
        "url": f"{api}/deployments/{number}",
        "id": number,
        "node_id": node_id("Deployment", number),
        "sha": run.head_sha,
        "ref": run.head_branch,
        "task": "deploy",
        "payload": {},
        "original_environment": gate.environment,
        "environment": gate.environment,
        "description": None,
        "creator": user_json(area, ACTING_USER, origin),
        "created_at": now,
        "updated_at": now,
        "statuses_url": f"{api}/deployments/{number}/statuses",
        "repository_url": api,
        "transient_environment": False,
        "production_environment": gate.environment == "production",
    }


async def review_pending_deployments(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    area, run = found
    body = await json_body(request) or {}
    ids, state, comment = body.get("environment_ids"), body.get("state"), body.get("comment")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, int) for i in ids):
        return error(422, 'Invalid request.\n\n"environment_ids" wasn\'t supplied.')
    if state not in ("approved", "rejected"):
        return error(422, "Invalid request.\n\nstate must be approved or rejected.")
    if not isinstance(comment, str):
        return error(422, 'Invalid request.\n\n"comment" wasn\'t supplied.')
    gates = [g for g in run.pending_deployments if g.environment_id in ids]
    if len(gates) != len(set(ids)) or not all(g.current_user_can_approve for g in gates):
        return error(422, "No pending deployment requests to approve or reject")
    origin = origin_of(request)
    for gate in gates:
        run.pending_deployments.remove(gate)
    now = whole_second(utcnow())
    run.reviews.append(FakeReview(state, comment, ACTING_USER, gates, now))
    if state == "rejected":
        finish(run.latest, "failure")
        return json_response([])
    if not run.pending_deployments and run.status == "waiting":
        run.latest.status = "in_progress"
    return json_response([_deployment_json(area, run, gate, origin) for gate in gates])


async def list_approvals(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    area, run = found
    origin = origin_of(request)
    return json_response(
        [
            {
                "state": review.state,
                "comment": review.comment,
                "environments": [
                    {
                        **_environment_json(run, gate, origin),
                        "created_at": iso(review.at),
                        "updated_at": iso(review.at),
                    }
                    for gate in review.gates
                ],
                "user": user_json(area, review.user, origin),
            }
            for review in run.reviews
        ]
    )


async def review_custom_gates(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    run = found[1]
    body = await json_body(request) or {}
    name, state, comment = body.get("environment_name"), body.get("state"), body.get("comment")
    if not isinstance(name, str) or not name:
        return error(422, 'Invalid request.\n\n"environment_name" wasn\'t supplied.')
    if state is None and not isinstance(comment, str):
        return error(422, 'Invalid request.\n\n"comment" wasn\'t supplied.')
    if state is not None and state not in ("approved", "rejected"):
        return error(422, "Invalid request.\n\nstate must be approved or rejected.")
    gate = next((g for g in run.custom_gates if g.environment == name), None)
    if gate is None or gate.state is not None:
        return error(422, f"No pending custom deployment protection rule for {name}")
    if isinstance(comment, str):
        gate.comments.append(comment)
    if state is not None:
        gate.state = state
        if state == "rejected":
            finish(run.latest, "failure")
    return no_content()


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST_APPROVALS: list_approvals,
    ops.GET_PENDING_DEPLOYMENTS: pending_deployments,
    ops.REVIEW_PENDING_DEPLOYMENTS: review_pending_deployments,
    ops.REVIEW_CUSTOM_GATES: review_custom_gates,
}
"""What answers the runs operations about deployment gates (``_runs`` answers the rest)."""


class DeploymentGatesWorld(World):
    """Making runs wait at deployment gates."""

    def add_pending_deployment(
        self,
        run: FakeRun,
        environment: str,
        *,
        wait_timer: int = 0,
        reviewers: Sequence[str] = (ACTING_USER,),
        teams: Sequence[str] = (),
        current_user_can_approve: bool = True,
    ) -> FakeDeploymentGate:
        """Make ``run`` wait for a review of its deployment to ``environment``.

        ``reviewers`` are user logins and ``teams`` team slugs of the
        repository's owner; the run's status becomes ``waiting``.
        """
        with self._lock:
            gate = FakeDeploymentGate(
                environment_id=self.state.next_id(),
                environment=environment,
                wait_timer=wait_timer,
                wait_timer_started_at=whole_second(utcnow()) if wait_timer else None,
                reviewers=tuple(reviewers),
                teams=tuple(teams),
                current_user_can_approve=current_user_can_approve,
            )
            run.pending_deployments.append(gate)
            if run.status != "completed":
                run.latest.status = "waiting"
            return gate

    def add_custom_gate(self, run: FakeRun, environment: str) -> FakeDeploymentGate:
        """Make ``run`` wait for a GitHub App's custom protection rule on ``environment``."""
        with self._lock:
            gate = FakeDeploymentGate(environment_id=self.state.next_id(), environment=environment)
            run.custom_gates.append(gate)
            return gate
