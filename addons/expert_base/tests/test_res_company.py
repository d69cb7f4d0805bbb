from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCompanyAccountHelper(TransactionCase):
    def test_account_created_on_first_use_and_numbered_like_its_kind(self):
        company = self.env.company
        income = self.env["account.account"].search(
            [("company_id", "=", company.id), ("account_type", "=", "income")], order="code", limit=1
        )
        account = company._expert_create_account(
            {"name": "Test income", "account_type": "income_other"}, numbered_like="income", default_prefix="4"
        )
        self.assertEqual(account.code[:2], income.code[:2])
        self.assertEqual(len(account.code), max(len(income.code), 6))
        self.assertEqual(account.company_id, company)
        second = company._expert_create_account(
            {"name": "Test income 2", "account_type": "income_other"}, numbered_like="income", default_prefix="4"
        )
        self.assertNotEqual(second.code, account.code)
