"""Create the staff roles (groups with permissions). The same definition also runs after every
migrate (post_migrate) and from `manage.py setup_roles`, so permissions of apps migrated later
(analytics.view_dashboard) are granted too."""
from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def roles_create(apps, schema_editor):
    from reports.triage.roles import roles_setup

    for app_config in global_apps.get_app_configs():
        # create_permissions() skips apps whose models module is not loaded yet; restore after.
        original = app_config.models_module
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=global_apps, verbosity=0)
        finally:
            app_config.models_module = original
    roles_setup(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
