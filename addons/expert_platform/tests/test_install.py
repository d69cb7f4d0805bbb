import ast
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSuiteInstall(TransactionCase):
    def _suite_modules(self):
        """Every module shipped next to this one in the suite's addons folder."""
        addons_dir = Path(get_module_path("expert_platform")).parent
        modules = set()
        for manifest in addons_dir.glob("*/__manifest__.py"):
            if ast.literal_eval(manifest.read_text()).get("installable", True):
                modules.add(manifest.parent.name)
        return modules - {"expert_platform"}

    def test_installing_the_platform_installs_the_suite(self):
        suite = self._suite_modules()
        self.assertIn("expert_base", suite)
        installed = self.env["ir.module.module"].search([("name", "in", list(suite)), ("state", "=", "installed")])
        self.assertEqual(set(installed.mapped("name")), suite)
        platform = self.env["ir.module.module"]._get("expert_platform")
        depends = set(platform.dependencies_id.mapped("name"))
        self.assertFalse(suite - depends, "expert_platform must depend on every module")
