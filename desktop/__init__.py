"""Ziping (自评): 部门预算绩效自评、信访登记与决算报表 for a district department's finance clerk."""

__version__ = "0.1.0"
