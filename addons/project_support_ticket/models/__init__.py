from . import project_project
from . import project_task_type
from . import project_task
from . import res_company
from . import res_config_settings
from . import client_center
