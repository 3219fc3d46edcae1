"""The operations of ``gh.hosted_runners``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# hosted-runners
LIST = Operation("actions/list-hosted-runners-for-org", "hosted_runners", "list", "GET", "/orgs/{org}/actions/hosted-runners", **GITHUB_COM_ONLY)
CREATE = Operation("actions/create-hosted-runner-for-org", "hosted_runners", "create", "POST", "/orgs/{org}/actions/hosted-runners", **GITHUB_COM_ONLY)
GET = Operation("actions/get-hosted-runner-for-org", "hosted_runners", "get", "GET", "/orgs/{org}/actions/hosted-runners/{hosted_runner_id}", **GITHUB_COM_ONLY)
UPDATE = Operation("actions/update-hosted-runner-for-org", "hosted_runners", "update", "PATCH", "/orgs/{org}/actions/hosted-runners/{hosted_runner_id}", **GITHUB_COM_ONLY)
DELETE = Operation("actions/delete-hosted-runner-for-org", "hosted_runners", "delete", "DELETE", "/orgs/{org}/actions/hosted-runners/{hosted_runner_id}", **GITHUB_COM_ONLY)
LIST_CUSTOM_IMAGES = Operation("actions/list-custom-images-for-org", "hosted_runners", "list_custom_images", "GET", "/orgs/{org}/actions/hosted-runners/images/custom", **GITHUB_COM_ONLY)
GET_CUSTOM_IMAGE = Operation("actions/get-custom-image-for-org", "hosted_runners", "get_custom_image", "GET", "/orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}", **GITHUB_COM_ONLY)
DELETE_CUSTOM_IMAGE = Operation("actions/delete-custom-image-from-org", "hosted_runners", "delete_custom_image", "DELETE", "/orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}", **GITHUB_COM_ONLY)
LIST_CUSTOM_IMAGE_VERSIONS = Operation("actions/list-custom-image-versions-for-org", "hosted_runners", "list_custom_image_versions", "GET", "/orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions", **GITHUB_COM_ONLY)
GET_CUSTOM_IMAGE_VERSION = Operation("actions/get-custom-image-version-for-org", "hosted_runners", "get_custom_image_version", "GET", "/orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", **GITHUB_COM_ONLY)
DELETE_CUSTOM_IMAGE_VERSION = Operation("actions/delete-custom-image-version-from-org", "hosted_runners", "delete_custom_image_version", "DELETE", "/orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", **GITHUB_COM_ONLY)
LIST_GITHUB_OWNED_IMAGES = Operation("actions/get-hosted-runners-github-owned-images-for-org", "hosted_runners", "list_github_owned_images", "GET", "/orgs/{org}/actions/hosted-runners/images/github-owned", **GITHUB_COM_ONLY)
LIST_PARTNER_IMAGES = Operation("actions/get-hosted-runners-partner-images-for-org", "hosted_runners", "list_partner_images", "GET", "/orgs/{org}/actions/hosted-runners/images/partner", **GITHUB_COM_ONLY)
GET_LIMITS = Operation("actions/get-hosted-runners-limits-for-org", "hosted_runners", "get_limits", "GET", "/orgs/{org}/actions/hosted-runners/limits", **GITHUB_COM_ONLY)
LIST_MACHINE_SIZES = Operation("actions/get-hosted-runners-machine-specs-for-org", "hosted_runners", "list_machine_sizes", "GET", "/orgs/{org}/actions/hosted-runners/machine-sizes", **GITHUB_COM_ONLY)
LIST_PLATFORMS = Operation("actions/get-hosted-runners-platforms-for-org", "hosted_runners", "list_platforms", "GET", "/orgs/{org}/actions/hosted-runners/platforms", **GITHUB_COM_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    CREATE,
    GET,
    UPDATE,
    DELETE,
    LIST_CUSTOM_IMAGES,
    GET_CUSTOM_IMAGE,
    DELETE_CUSTOM_IMAGE,
    LIST_CUSTOM_IMAGE_VERSIONS,
    GET_CUSTOM_IMAGE_VERSION,
    DELETE_CUSTOM_IMAGE_VERSION,
    LIST_GITHUB_OWNED_IMAGES,
    LIST_PARTNER_IMAGES,
    GET_LIMITS,
    LIST_MACHINE_SIZES,
    LIST_PLATFORMS,
]
